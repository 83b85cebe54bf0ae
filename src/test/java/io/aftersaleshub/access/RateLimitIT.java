package io.aftersaleshub.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import io.aftersaleshub.support.HubClient;
import io.aftersaleshub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/** With rate limits on: 429 with Retry-After per key, and per client address on public endpoints. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hub.mail.host=127.0.0.1", "hub.mail.port=1", "hub.mail.dev-mailbox=false",
        "hub.rate-limit.enabled=true",
        "hub.rate-limit.per-key.per-second=0.05", "hub.rate-limit.per-key.burst=3",
        "hub.rate-limit.public-per-address.per-second=0.05", "hub.rate-limit.public-per-address.burst=2"})
class RateLimitIT extends HubIntegrationTest {

    @org.springframework.test.context.DynamicPropertySource
    static void mailbox(org.springframework.test.context.DynamicPropertyRegistry registry) {
        devMailboxOnAFreePort(registry);
    }

    @Autowired
    TestRestTemplate rest;

    @Autowired
    ApiKeys keys;

    @Test
    void aKeyThatAsksTooOftenGets429WithRetryAfterAndOtherKeysDoNot() {
        String oneKey = keys.create("one", EnumSet.of(Scope.OPS)).key();
        HubClient one = new HubClient(plain(rest), oneKey);
        HubClient two = new HubClient(plain(rest), keys.create("two", EnumSet.of(Scope.OPS)).key());
        for (int i = 0; i < 3; i++) {
            assertThat(one.get("/api/ops/failures").status()).isEqualTo(200);
        }
        ResponseEntity<String> limited = plain(rest).exchange("/api/ops/failures", HttpMethod.GET,
                new HttpEntity<>(headers(Map.of("X-Api-Key", List.of(oneKey)))), String.class);
        assertThat(limited.getStatusCode().value()).isEqualTo(429);
        assertThat(Long.parseLong(limited.getHeaders().getFirst("Retry-After"))).isBetween(1L, 20L);
        assertThat(limited.getBody()).contains("Too many requests; try again in ");
        assertThat(two.get("/api/ops/failures").status()).isEqualTo(200);
    }

    @Test
    void anAddressThatCallsPublicEndpointsTooOftenGets429() {
        int ok = 0;
        List<String> statuses = new java.util.ArrayList<>();
        ResponseEntity<String> last = null;
        for (int i = 0; i < 3; i++) {
            last = plain(rest).getForEntity("/actuator/health", String.class);
            // passed by the limiter, whatever the health is (a health indicator may be DOWN in a loaded suite)
            ok += last.getStatusCode().value() != 429 ? 1 : 0;
            statuses.add(last.getStatusCode().value() + " " + last.getBody());
        }
        assertThat(ok).as(statuses.toString()).isEqualTo(2);
        assertThat(last.getStatusCode().value()).isEqualTo(429);
        assertThat(Long.parseLong(last.getHeaders().getFirst("Retry-After"))).isBetween(1L, 20L);
        assertThat(last.getHeaders().getContentType().toString()).startsWith("application/problem+json");
    }

    private static org.springframework.http.HttpHeaders headers(Map<String, List<String>> values) {
        org.springframework.http.HttpHeaders h = new org.springframework.http.HttpHeaders();
        values.forEach(h::put);
        return h;
    }
}
