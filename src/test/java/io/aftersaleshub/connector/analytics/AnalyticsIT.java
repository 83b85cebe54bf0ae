package io.aftersaleshub.connector.analytics;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.aftersaleshub.measure.Conversions;
import io.aftersaleshub.measure.OrderPlaced;
import io.aftersaleshub.support.HubClient;
import io.aftersaleshub.support.HubIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Segment-spec collector (WireMock) receives "Offer Decided", "Offer Delivered", "Offer Clicked" and "Order
 * Completed" track calls in /v1/batch requests, authenticated with the write key, each once; the CSV export answers the decisions of a moment and date range
 * and refuses bad dates by field.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hub.analytics.write-key=wk_test", "hub.analytics.deliveries-period=1s"})
class AnalyticsIT extends HubIntegrationTest {

    static final String EM300 = "04098765000300";
    static final WireMockServer COLLECTOR = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    static {
        COLLECTOR.start();
        COLLECTOR.stubFor(post(urlEqualTo("/v1/batch")).willReturn(aResponse().withStatus(200).withBody("{\"success\":true}")));
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
    @Autowired
    Conversions conversions;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void decisionsAndDeliveriesReachTheCollectorAsBatchedTrackCallsAndTheExport() throws Exception {
        HubClient hub = new HubClient(rest);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        HubClient.Answer registered = hub.post("/api/registrations", Map.of("gtin", EM300, "serial", "EM300-00002",
                "purchaseDate", today,
                "owner", Map.of("email", "ida@example.test", "name", "Ida", "country", "AT", "marketingConsent", true)));
        assertThat(registered.status()).isEqualTo(201);
        String ownerId = registered.body().get("ownerId").asText();
        String decisions = "/api/units/" + EM300 + "/EM300-00002/decisions";
        await().atMost(Duration.ofSeconds(20)).until(() -> actions(hub.get(decisions).body().get(0)).equals(List.of("analytics:SENT", "email:SENT")));
        JsonNode decision = hub.get(decisions).body().get(0);
        String decisionId = decision.get("decisionId").asText();
        String analyticsId = actionId(decision, "analytics");
        String emailId = actionId(decision, "email");

        // Offer Decided: messageId = the analytics action, userId = the owner's id, no e-mail address anywhere
        JsonNode decided = await().atMost(Duration.ofSeconds(10)).until(() -> call("Offer Decided"), c -> c != null);
        assertThat(decided.get("type").asText()).isEqualTo("track");
        assertThat(decided.get("messageId").asText()).isEqualTo(analyticsId);
        assertThat(decided.get("userId").asText()).isEqualTo(ownerId);
        assertThat(decided.get("timestamp").asText()).isEqualTo(decision.get("decidedAt").asText());
        assertThat(decided.at("/properties/decisionId").asText()).isEqualTo(decisionId);
        assertThat(decided.at("/properties/moment").asText()).isEqualTo("REGISTRATION");
        assertThat(decided.at("/properties/sku").asText()).isEqualTo("WX-ESP-2Y");
        assertThat(decided.at("/properties/discountPercent").asInt()).isEqualTo(20);
        assertThat(decided.at("/properties/model").asText()).isEqualTo("EM-300");

        // Offer Delivered: from the deliveries feed, messageId = the e-mail action
        JsonNode delivered = await().atMost(Duration.ofSeconds(20)).until(() -> call("Offer Delivered"), c -> c != null);
        assertThat(delivered.get("messageId").asText()).isEqualTo(emailId);
        assertThat(delivered.get("userId").asText()).isEqualTo(ownerId);
        assertThat(delivered.at("/properties/channel").asText()).isEqualTo("email");
        assertThat(delivered.at("/properties/decisionId").asText()).isEqualTo(decisionId);

        for (LoggedRequest r : COLLECTOR.findAll(postRequestedFor(urlEqualTo("/v1/batch")))) {
            assertThat(r.getHeader("Authorization")).isEqualTo("Basic "
                    + Base64.getEncoder().encodeToString("wk_test:".getBytes(StandardCharsets.UTF_8)));
            assertThat(r.getHeader("Content-Type")).startsWith("application/json");
            assertThat(r.getBodyAsString()).doesNotContain("ida@example.test");
            JsonNode batch = json.readTree(r.getBody());
            assertThat(batch.get("batch").isArray()).isTrue();
            assertThat(batch.get("sentAt").asText()).isNotBlank();
        }
        // the feed moved on: the delivery is reported once (the analytics call itself is no delivery)
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> calls("Offer Delivered").size() == 1);
        assertThat(calls("Offer Decided")).hasSize(1);

        // the owner follows the offer link twice and orders the offered SKU: one "Offer Clicked", one "Order Completed"
        assertThat(plain(rest).getForEntity("/r/" + decisionId, String.class).getStatusCode().value()).isEqualTo(302);
        assertThat(plain(rest).getForEntity("/r/" + decisionId, String.class).getStatusCode().value()).isEqualTo(302);
        Instant placedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        assertThat(conversions.orderPlaced(new OrderPlaced("A-1001", "IDA@example.test", placedAt, "EUR",
                List.of(new OrderPlaced.Line("WX-ESP-2Y", 2, new BigDecimal("39.50"))), Set.of()))).hasSize(1);
        JsonNode clicked = await().atMost(Duration.ofSeconds(20)).until(() -> call("Offer Clicked"), c -> c != null);
        assertThat(clicked.get("messageId").asText()).isEqualTo("click-" + decisionId);
        assertThat(clicked.get("userId").asText()).isEqualTo(ownerId);
        assertThat(clicked.at("/properties/decisionId").asText()).isEqualTo(decisionId);
        assertThat(clicked.at("/properties/moment").asText()).isEqualTo("REGISTRATION");
        assertThat(clicked.at("/properties/sku").asText()).isEqualTo("WX-ESP-2Y");
        assertThat(Instant.parse(clicked.get("timestamp").asText()))
                .isEqualTo(Instant.parse(hub.get("/api/decisions/" + decisionId).body().at("/clicks/firstAt").asText()));
        JsonNode ordered = await().atMost(Duration.ofSeconds(20)).until(() -> call("Order Completed"), c -> c != null);
        assertThat(ordered.get("messageId").asText()).isEqualTo("conversion-" + decisionId);
        assertThat(ordered.get("userId").asText()).isEqualTo(ownerId);
        assertThat(Instant.parse(ordered.get("timestamp").asText())).isEqualTo(placedAt);
        assertThat(ordered.at("/properties/order_id").asText()).isEqualTo("A-1001");
        assertThat(ordered.at("/properties/revenue").decimalValue()).isEqualByComparingTo("79.00");
        assertThat(ordered.at("/properties/currency").asText()).isEqualTo("EUR");
        assertThat(ordered.at("/properties/products/0/sku").asText()).isEqualTo("WX-ESP-2Y");
        assertThat(ordered.at("/properties/decisionId").asText()).isEqualTo(decisionId);
        assertThat(ordered.at("/properties/matchedBy").asText()).isEqualTo("SKU");
        // each reported once, however many periods pass
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() ->
                calls("Offer Clicked").size() == 1 && calls("Order Completed").size() == 1 && calls("Offer Delivered").size() == 1);
        for (LoggedRequest r : COLLECTOR.findAll(postRequestedFor(urlEqualTo("/v1/batch")))) {
            assertThat(r.getBodyAsString()).doesNotContain("ida@example.test");
        }

        // CSV export: the day's REGISTRATION decisions, with their deliveries
        ResponseEntity<String> csv = keyed(rest).getForEntity("/api/analytics/export?moment=REGISTRATION&from=" + today + "&to=" + today, String.class);
        assertThat(csv.getStatusCode().value()).isEqualTo(200);
        assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
        String[] lines = csv.getBody().split("\r\n");
        assertThat(lines[0]).isEqualTo("decision_id,moment,decided_at,gtin,serial,model_code,owner_id,owner_country,sku,offer_type,"
                + "discount_percent,expires_at,rule,rules_version,reason,deliveries");
        assertThat(lines).hasSize(2);
        assertThat(lines[1]).startsWith(decisionId + ",REGISTRATION,").contains("," + EM300 + ",EM300-00002,EM-300," + ownerId + ",AT,WX-ESP-2Y,WARRANTY_PLAN,20,")
                .endsWith(",rule matched,email:SENT"); // the analytics call itself is no delivery
        // another moment, or days before, hold nothing of it
        assertThat(keyed(rest).getForEntity("/api/analytics/export?moment=SUPPORT_CLOSED&from=" + today + "&to=" + today, String.class).getBody())
                .isEqualTo(lines[0] + "\r\n");
        String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        assertThat(keyed(rest).getForEntity("/api/analytics/export?from=" + yesterday + "&to=" + yesterday, String.class).getBody())
                .isEqualTo(lines[0] + "\r\n");
        assertThat(keyed(rest).getForEntity("/api/analytics/export?from=" + yesterday + "&to=" + today, String.class).getBody().split("\r\n"))
                .hasSize(2);
    }

    @Test
    void badDatesAndMomentsAreRefusedByField() {
        HubClient hub = new HubClient(rest);
        assertThat(errors(hub.get("/api/analytics/export?from=2026-13-01&to=2026-11-30"))).containsExactly("from must be a date as YYYY-MM-DD");
        assertThat(errors(hub.get("/api/analytics/export?to=2026-11-30"))).containsExactly("from is required");
        assertThat(errors(hub.get("/api/analytics/export?from=2026-11-30&to=2026-11-01"))).containsExactly("to must not be before from");
        assertThat(errors(hub.get("/api/analytics/export?from=2024-01-01&to=2026-01-01"))).containsExactly("to must be at most 366 days after from");
        assertThat(errors(hub.get("/api/analytics/export?moment=BIRTHDAY&from=2026-11-01&to=yesterday")))
                .containsExactly("moment must be one of REGISTRATION, SUPPORT_CLOSED, PARTS_VIEWED, ANNIVERSARY, TRANSFERRED, WARRANTY_EXPIRING",
                        "to must be a date as YYYY-MM-DD");
        assertThat(hub.get("/api/analytics/export?from=2026-13-01&to=2026-11-30").status()).isEqualTo(400);
    }

    private static List<String> errors(HubClient.Answer a) {
        assertThat(a.status()).isEqualTo(400);
        List<String> out = new ArrayList<>();
        a.body().get("errors").forEach(e -> out.add(e.get("field").asText() + " " + e.get("reason").asText()));
        return out;
    }

    private JsonNode call(String event) throws Exception {
        List<JsonNode> found = calls(event);
        return found.isEmpty() ? null : found.get(0);
    }

    private List<JsonNode> calls(String event) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        for (LoggedRequest r : COLLECTOR.findAll(postRequestedFor(urlEqualTo("/v1/batch")))) {
            for (JsonNode c : json.readTree(r.getBody()).get("batch")) {
                if (event.equals(c.get("event").asText())) {
                    found.add(c);
                }
            }
        }
        return found;
    }

    private static List<String> actions(JsonNode decision) {
        List<String> out = new ArrayList<>();
        decision.get("actions").forEach(a -> out.add(a.get("channel").asText() + ":" + a.get("status").asText()));
        return out.stream().sorted().toList();
    }

    private static String actionId(JsonNode decision, String channel) {
        for (JsonNode a : decision.get("actions")) {
            if (channel.equals(a.get("channel").asText())) {
                return a.get("actionId").asText();
            }
        }
        throw new AssertionError("no " + channel + " action");
    }
}
