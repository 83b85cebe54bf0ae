package io.aftersaleshub.connector.analytics;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.aftersaleshub.support.HubClient;
import io.aftersaleshub.support.HubIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The analytics collector down, then back: the "Offer Decided" call is retried by the broker with back-off while
 * the collector answers 503, and once it answers 200 the call is accepted exactly once (WireMock's serve log
 * keeps each request with the status it got).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hub.analytics.write-key=wk_test", "hub.analytics.deliveries-period=1s",
        "hub.dispatch.max-redeliveries=20", "hub.dispatch.redelivery-delay=200ms"})
class AnalyticsOutageIT extends HubIntegrationTest {

    static final String EM300 = "04098765000300";
    static final WireMockServer COLLECTOR = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    static {
        COLLECTOR.start();
        COLLECTOR.stubFor(post(urlEqualTo("/v1/batch")).willReturn(aResponse().withStatus(503)));
    }

    @DynamicPropertySource
    static void collector(DynamicPropertyRegistry registry) {
        devMailboxOnAFreePort(registry);
        registry.add("hub.analytics.url", () -> "http://127.0.0.1:" + COLLECTOR.port() + "/v1/batch");
    }

    @AfterAll
    static void stopCollector() {
        COLLECTOR.stop();
    }

    @Autowired
    TestRestTemplate rest;

    @Test
    void callsMadeWhileTheCollectorIsDownArriveOnceWhenItIsBack() {
        HubClient hub = new HubClient(rest);
        HubClient.Answer registered = hub.post("/api/registrations", Map.of("gtin", EM300, "serial", "EM300-00004",
                "purchaseDate", LocalDate.now(ZoneOffset.UTC).toString(),
                "owner", Map.of("email", "uma@example.test", "name", "Uma", "country", "DE", "marketingConsent", true)));
        assertThat(registered.status()).isEqualTo(201);
        // the registration's decision is committed with it
        String decisionId = hub.get("/api/units/" + EM300 + "/EM300-00004/decisions").body().get(0).get("decisionId").asText();

        // down: the call is refused, and tried again
        await().atMost(Duration.ofSeconds(20)).until(() -> served(decisionId, 503).size() >= 2);
        assertThat(served(decisionId, 200)).isEmpty();

        // back: the next attempt is accepted, and no further one follows
        COLLECTOR.stubFor(post(urlEqualTo("/v1/batch")).willReturn(aResponse().withStatus(200).withBody("{\"success\":true}")));
        await().atMost(Duration.ofSeconds(20)).until(() -> served(decisionId, 200).size() == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> served(decisionId, 200).size() == 1);
        JsonNode decision = hub.get("/api/decisions/" + decisionId).body();
        assertThat(decision.get("decisionId").asText()).isEqualTo(decisionId);
        assertThat(statusOf(hub, decisionId)).isEqualTo("SENT");
    }

    /** The requests carrying this decision's "Offer Decided" call that got {@code status}. */
    private static List<ServeEvent> served(String decisionId, int status) {
        return COLLECTOR.getAllServeEvents().stream()
                .filter(e -> e.getResponse().getStatus() == status)
                .filter(e -> e.getRequest().getBodyAsString().contains("\"Offer Decided\"")
                        && e.getRequest().getBodyAsString().contains(decisionId))
                .toList();
    }

    private static String statusOf(HubClient hub, String decisionId) {
        for (JsonNode a : hub.get("/api/decisions/" + decisionId).body().get("actions")) {
            if ("analytics".equals(a.get("channel").asText())) {
                return a.get("status").asText();
            }
        }
        throw new AssertionError("no analytics action");
    }
}
