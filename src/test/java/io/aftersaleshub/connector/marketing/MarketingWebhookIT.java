package io.aftersaleshub.connector.marketing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static io.aftersaleshub.support.HubClient.actionOf;
import static io.aftersaleshub.support.HubClient.statusOf;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
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
 * The marketing tool (WireMock) receives one signed campaign action per offer to a consenting owner: down
 * (503) then up, or too slow to answer, the action is retried until delivered; a 400 parks it as FAILED at once, and a replay once the
 * peer accepts delivers it once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // every moment of one owner is offered here: the frequency cap has its own test (GuardrailsIT)
        "hub.offers.cap.max-offers=1000",
        "hub.dispatch.max-redeliveries=3", "hub.dispatch.redelivery-delay=100ms",
        "hub.marketing-webhook.secret=test-webhook-secret",
        "camel.component.http.response-timeout=3000", "camel.component.http.so-timeout=3000"})
class MarketingWebhookIT extends HubIntegrationTest {

    static final String SECRET = "test-webhook-secret";
    static final String EM300 = "04098765000300";
    static final String PATH = "/campaign-actions";
    static final WireMockServer TOOL = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    static {
        TOOL.start();
    }

    @DynamicPropertySource
    static void peer(DynamicPropertyRegistry registry) {
        devMailboxOnAFreePort(registry);
        registry.add("hub.marketing-webhook.url", () -> "http://127.0.0.1:" + TOOL.port() + PATH);
    }

    @AfterAll
    static void stopTool() {
        TOOL.stop();
    }

    @Autowired
    TestRestTemplate rest;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void signedActionsAreDeliveredOnceThroughOutagesAndRefusalsAreParkedForReplay() throws Exception {
        HubClient hub = new HubClient(rest);

        // 1. the tool is down for the first call, then up: delivered once, signed, with its idempotency key
        TOOL.stubFor(post(urlEqualTo(PATH)).inScenario("outage").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        TOOL.stubFor(post(urlEqualTo(PATH)).inScenario("outage").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(202)));
        String ownerId = register(hub, "EM300-00003", "mo@example.test", true);
        String decisions = "/api/units/" + EM300 + "/EM300-00003/decisions";
        await().atMost(Duration.ofSeconds(20)).until(() -> "SENT".equals(status(hub, decisions, "marketing-webhook")));
        String actionId = action(hub, decisions, "marketing-webhook").get("actionId").asText();
        List<LoggedRequest> calls = TOOL.findAll(postRequestedFor(urlEqualTo(PATH)));
        assertThat(calls).hasSize(2); // the 503 and the delivery
        for (LoggedRequest call : calls) {
            assertThat(call.getHeader("Idempotency-Key")).isEqualTo(actionId);
            assertThat(call.getHeader("X-Hub-Signature-256")).isEqualTo(signature(call.getBody()));
            assertThat(call.getHeader("Content-Type")).startsWith("application/json");
            assertThat(call.containsHeader("hubActionIds")).isFalse();
        }
        JsonNode body = json.readTree(calls.get(1).getBody());
        assertThat(body.get("decisionId").asText()).isEqualTo(hub.get(decisions).body().get(0).get("decisionId").asText());
        assertThat(body.get("moment").asText()).isEqualTo("REGISTRATION");
        assertThat(body.at("/offer/sku").asText()).isEqualTo("WX-ESP-2Y");
        assertThat(body.at("/offer/type").asText()).isEqualTo("WARRANTY_PLAN");
        assertThat(body.at("/offer/discountPercent").asInt()).isEqualTo(20);
        assertThat(body.at("/owner/id").asText()).isEqualTo(ownerId);
        assertThat(body.at("/owner/country").asText()).isEqualTo("DE");
        assertThat(body.get("owner").has("email")).isFalse();
        assertThat(body.at("/unit/serial").asText()).isEqualTo("EM300-00003");
        assertThat(body.at("/unit/model").asText()).isEqualTo("EM-300");
        assertThat(body.get("decidedAt").asText()).isNotBlank();

        // 2. no marketing consent: no campaign action (the decision still has its offer)
        register(hub, "EM300-00004", "no@example.test", false);
        String quiet = "/api/units/" + EM300 + "/EM300-00004/decisions";
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.get(quiet).body().size() == 1);
        assertThat(hub.get(quiet).body().get(0).at("/offer/sku").asText()).isEqualTo("WX-ESP-2Y");
        assertThat(action(hub, quiet, "marketing-webhook")).isNull();

        // 3. the tool refuses (400): FAILED at once, after one attempt, visible to the operator
        TOOL.resetAll();
        TOOL.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(400).withBody("{\"error\":\"unknown sku\"}")));
        register(hub, "EM300-00005", "re@example.test", true);
        String refused = "/api/units/" + EM300 + "/EM300-00005/decisions";
        await().atMost(Duration.ofSeconds(20)).until(() -> "FAILED".equals(status(hub, refused, "marketing-webhook")));
        String refusedId = action(hub, refused, "marketing-webhook").get("actionId").asText();
        JsonNode failed = hub.get("/api/ops/failures").body().get("actions");
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).get("actionId").asText()).isEqualTo(refusedId);
        assertThat(failed.get(0).get("channel").asText()).isEqualTo("marketing-webhook");
        assertThat(failed.get(0).get("attempts").asInt()).isEqualTo(1);
        assertThat(failed.get(0).get("lastError").asText()).isEqualTo(
                "HTTP 400 from marketing-webhook, not retried: {\"error\":\"unknown sku\"}");
        assertThat(TOOL.findAll(postRequestedFor(urlEqualTo(PATH)))).hasSize(1);

        // 4. the tool answers too late (read timeout): retried by the broker, with the same idempotency key
        TOOL.resetAll();
        TOOL.stubFor(post(urlEqualTo(PATH)).inScenario("slow").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(200).withFixedDelay(6000)).willSetStateTo("fast"));
        TOOL.stubFor(post(urlEqualTo(PATH)).inScenario("slow").whenScenarioStateIs("fast")
                .willReturn(aResponse().withStatus(200)));
        register(hub, "EM300-00001", "sy@example.test", true);
        String slow = "/api/units/" + EM300 + "/EM300-00001/decisions";
        await().atMost(Duration.ofSeconds(20)).until(() -> "SENT".equals(status(hub, slow, "marketing-webhook")));
        JsonNode slowAction = action(hub, slow, "marketing-webhook");
        assertThat(slowAction.get("attempts").asInt()).isEqualTo(2);
        TOOL.verify(2, postRequestedFor(urlEqualTo(PATH)).withHeader("Idempotency-Key", equalTo(slowAction.get("actionId").asText())));

        // 5. fixed on the tool's side, the operator replays: delivered once, a second replay sends nothing
        TOOL.resetAll();
        TOOL.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)));
        assertThat(hub.post("/api/ops/failures/retry", "").body().get("actions").asInt()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> "SENT".equals(status(hub, refused, "marketing-webhook")));
        assertThat(hub.post("/api/ops/failures/retry", "").body().get("actions").asInt()).isZero();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> TOOL.findAll(postRequestedFor(urlEqualTo(PATH))).size() == 1);
        LoggedRequest replayed = TOOL.findAll(postRequestedFor(urlEqualTo(PATH))).get(0);
        assertThat(replayed.getHeader("Idempotency-Key")).isEqualTo(refusedId);
        assertThat(replayed.getHeader("X-Hub-Signature-256")).isEqualTo(signature(replayed.getBody()));
        TOOL.verify(1, postRequestedFor(urlEqualTo(PATH)).withHeader("Idempotency-Key", equalTo(refusedId)));

        // 6. the tool stays down: after the first delivery and the broker's 3 redeliveries, the dead letters
        TOOL.resetAll();
        TOOL.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(503)));
        assertThat(hub.post("/api/events", Map.of("type", "support.case_closed", "source", "crm", "sourceEventId", "mo-case-1",
                "occurredAt", "2026-11-20T10:15:30Z", "gtin", EM300, "serial", "EM300-00003",
                "attributes", Map.of("caseId", "mo-case-1", "category", "descaling"))).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> hub.get(decisions).body().size() == 2
                && "FAILED".equals(statusOf(hub.get(decisions).body().get(1), "marketing-webhook")));
        JsonNode down = hub.get("/api/ops/failures").body().get("actions");
        assertThat(down).hasSize(1);
        assertThat(down.get(0).get("attempts").asInt()).isEqualTo(4);
        assertThat(down.get(0).get("lastError").asText()).isEqualTo("PeerUnavailableException: HTTP 503 from marketing-webhook");
        assertThat(TOOL.findAll(postRequestedFor(urlEqualTo(PATH)))).hasSize(4);
    }

    private String register(HubClient hub, String serial, String email, boolean consent) {
        HubClient.Answer a = hub.post("/api/registrations", Map.of("gtin", EM300, "serial", serial,
                "purchaseDate", LocalDate.now(ZoneOffset.UTC).toString(),
                "owner", Map.of("email", email, "name", "Mo", "country", "DE", "marketingConsent", consent)));
        assertThat(a.status()).isEqualTo(201);
        return a.body().get("ownerId").asText();
    }

    private static JsonNode action(HubClient hub, String decisions, String channel) {
        JsonNode list = hub.get(decisions).body();
        return list.isEmpty() ? null : actionOf(list.get(0), channel);
    }

    private static String status(HubClient hub, String decisions, String channel) {
        JsonNode a = action(hub, decisions, channel);
        return a == null ? null : a.get("status").asText();
    }

    /** What a receiver computes: HMAC-SHA256 of the raw body bytes under the shared secret, lower-case hex. */
    private static String signature(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }
}
