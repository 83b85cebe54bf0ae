package io.aftersaleshub.connector.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** RFC 4180 quoting, and no formula a spreadsheet would run. */
class CsvTest {

    @Test
    void quotesWhatWouldBreakARowAndDefusesFormulas() {
        assertThat(Csv.field("WX-ESP-2Y")).isEqualTo("WX-ESP-2Y");
        assertThat(Csv.field("rule matched after A, B")).isEqualTo("\"rule matched after A, B\"");
        assertThat(Csv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(Csv.field("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(Csv.field("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(Csv.field("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(Csv.field("-12.50")).isEqualTo("-12.50");
        assertThat(Csv.field("")).isEmpty();
    }
}
