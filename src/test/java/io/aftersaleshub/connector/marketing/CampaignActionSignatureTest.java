package io.aftersaleshub.connector.marketing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The signature a receiver checks, against a vector computed independently (openssl, documented in the connector's README). */
class CampaignActionSignatureTest {

    @Test
    void isTheHexHmacSha256OfTheRawBody() {
        // printf '%s' '{"decisionId":"d-1"}' | openssl dgst -sha256 -hmac 'It'"'"'s a Secret to Everybody'
        byte[] body = "{\"decisionId\":\"d-1\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(CampaignActionSignature.of(body, "It's a Secret to Everybody"))
                .isEqualTo("sha256=03ac868e392116c2de7aadd7a534e839bf0de2052e2cd09cfc78de9a28089683");
    }
}
