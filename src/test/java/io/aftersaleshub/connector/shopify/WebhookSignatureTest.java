package io.aftersaleshub.connector.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Every vector of {@code shopify/hmac-vectors.json} (see SOURCE.md there), including the rotated secret. */
class WebhookSignatureTest {

    @Test
    void everyCorpusVectorIsJudgedAsExpected() throws IOException {
        JsonNode vectors = new ObjectMapper().readTree(resource("hmac-vectors.json")).path("vectors");
        assertThat(vectors.size()).isEqualTo(7);
        for (JsonNode v : vectors) {
            byte[] body = v.has("raw_body_file") ? resource(v.path("raw_body_file").asText())
                    : v.path("raw_body").asText().getBytes(StandardCharsets.UTF_8);
            List<String> secrets = new ArrayList<>(List.of(v.path("secret").asText()));
            if (v.has("old_secret")) {
                secrets.add(v.path("old_secret").asText());
            }
            boolean expected = v.path("expect").asText().startsWith("valid");
            assertThat(WebhookSignature.valid(body, v.path("x_shopify_hmac_sha256").asText(), secrets))
                    .as(v.path("name").asText()).isEqualTo(expected);
        }
    }

    @Test
    void aRotatedSecretAloneDoesNotMatchAndNothingMatchesWithoutSecrets() throws IOException {
        byte[] body = "{\"foo\": \"bar\"}".getBytes(StandardCharsets.UTF_8);
        String header = "whZTLhA7huY97fFO2wQU8i6CSxBGsM289q1MWkxqp2g=";
        assertThat(WebhookSignature.valid(body, header, List.of("new_secret"))).isFalse();
        assertThat(WebhookSignature.valid(body, header, List.of())).isFalse();
        assertThat(WebhookSignature.valid(body, "", List.of("kitties are cute"))).isFalse();
        assertThat(WebhookSignature.valid(body, "not base64 !", List.of("kitties are cute"))).isFalse();
        assertThat(WebhookSignature.sign(body, "kitties are cute")).isEqualTo(header);
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = WebhookSignatureTest.class.getResourceAsStream("/shopify/" + name)) {
            return in.readAllBytes();
        }
    }
}
