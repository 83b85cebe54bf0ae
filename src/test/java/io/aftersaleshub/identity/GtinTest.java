package io.aftersaleshub.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class GtinTest {

    @Test
    void everyGtinInTheGs1DigitalLinkVectorsIsAccepted() throws Exception {
        List<String> gtins = corpusGtins();
        assertThat(gtins).hasSizeGreaterThan(20);
        for (String g : gtins) {
            assertThat(Gtin.problemWith(g)).as(g).isNull();
            assertThat(Gtin.parse(g).value()).isEqualTo(g);
        }
    }

    @Test
    void aWrongCheckDigitSaysWhichDigitIsRight() throws Exception {
        String valid = corpusGtins().get(0);
        int check = valid.charAt(13) - '0';
        String wrong = valid.substring(0, 13) + ((check + 1) % 10);
        assertThat(Gtin.problemWith(wrong)).isEqualTo("check digit must be " + check);
    }

    @Test
    void shortGtinsArePaddedToFourteenDigits() {
        assertThat(Gtin.parse("4098765000300").value()).isEqualTo("04098765000300");
        assertThat(Gtin.parse("96385074").value()).isEqualTo("00000096385074");
    }

    @Test
    void malformedValuesAreRefusedWithTheReason() {
        assertThat(Gtin.problemWith(null)).isEqualTo("is required");
        assertThat(Gtin.problemWith("0409876500030X")).isEqualTo("must contain digits only");
        assertThat(Gtin.problemWith("123456789")).isEqualTo("must have 8, 12, 13 or 14 digits");
        assertThatThrownBy(() -> Gtin.parse("04098765000301")).hasMessage("check digit must be 0");
    }

    /** GTINs of AI (01) in the valid cases of GS1's own Digital Link test vectors. */
    private static List<String> corpusGtins() throws Exception {
        try (InputStream in = GtinTest.class.getResourceAsStream("/corpus/gs1/dl-uri-vectors.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            List<String> out = new ArrayList<>();
            for (JsonNode v : root.get("vectors")) {
                String ai = v.get("expected_ai_string").asText("");
                if (v.get("valid").asBoolean() && ai.startsWith("^01") && ai.length() >= 17) {
                    out.add(ai.substring(3, 17));
                }
            }
            return out;
        }
    }
}
