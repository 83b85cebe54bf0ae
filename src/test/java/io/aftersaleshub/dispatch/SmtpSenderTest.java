package io.aftersaleshub.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmtpSenderTest {

    @Test
    void asciiTextGoesAs7bitAndEverythingElseQuotedPrintable() {
        assertThat(SmtpSender.transferEncoding("Hello Ada,\n\nyour EM-300 ...\n")).isEqualTo("7bit");
        assertThat(SmtpSender.transferEncoding("Hallo Jürgen,\n")).isEqualTo("quoted-printable");
        assertThat(SmtpSender.transferEncoding("a".repeat(998) + "\nshort\n")).isEqualTo("7bit");
        assertThat(SmtpSender.transferEncoding("a".repeat(999))).isEqualTo("quoted-printable");
        assertThat(SmtpSender.transferEncoding("bare\rreturn")).isEqualTo("quoted-printable");
        assertThat(SmtpSender.transferEncoding("windows\r\nline\r\n")).isEqualTo("7bit");
    }
}
