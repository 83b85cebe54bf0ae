package io.aftersaleshub.connector.storefront;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static io.aftersaleshub.support.HubClient.actionOf;
import static io.aftersaleshub.support.HubClient.statusOf;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

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
 * The storefront (WireMock) receives the customer's offer: down (503) then up, it is delivered with the same
 * idempotency key and the bearer token, with an offer token the shop can redeem; an owner without consent gets no
 * push; a refusal (400) is FAILED at once and shown to the operator.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hub.dispatch.max-redeliveries=3", "hub.dispatch.redelivery-delay=100ms",
        "hub.storefront.push-token=sf-test-token"})
class StorefrontPushIT extends HubIntegrationTest {

    static final String EM300 = "04098765000300";
    static final String PATH = "/hub/customer-offers";
    static final WireMockServer SHOP = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    static {
        SHOP.start();
    }

    @DynamicPropertySource
    static void peer(DynamicPropertyRegistry registry) {
        devMailboxOnAFreePort(registry);
        registry.add("hub.storefront.push-url", () -> "http://127.0.0.1:" + SHOP.port() + PATH);
    }

    @AfterAll
    static void stopShop() {
        SHOP.stop();
    }

    @Autowired
    TestRestTemplate rest;

    final ObjectMapper json = new ObjectMapper();

    @Test
    void theCustomersOfferIsPushedOnceThroughAnOutageAndRefusalsAreParked() throws Exception {
        HubClient hub = new HubClient(rest);
        SHOP.stubFor(post(urlEqualTo(PATH)).inScenario("outage").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        SHOP.stubFor(post(urlEqualTo(PATH)).inScenario("outage").whenScenarioStateIs("up").willReturn(aResponse().withStatus(204)));
        String ownerId = register(hub, "EM300-00002", "sf@example.test", true);
        String decisions = "/api/units/" + EM300 + "/EM300-00002/decisions";
        await().atMost(Duration.ofSeconds(20)).until(() -> "SENT".equals(statusOf(hub.get(decisions).body().get(0), "storefront")));
        JsonNode decision = hub.get(decisions).body().get(0);
        String actionId = actionOf(decision, "storefront").get("actionId").asText();

        List<LoggedRequest> calls = SHOP.findAll(postRequestedFor(urlEqualTo(PATH)));
        assertThat(calls).hasSize(2); // the 503 and the delivery
        for (LoggedRequest call : calls) {
            assertThat(call.getHeader("Authorization")).isEqualTo("Bearer sf-test-token");
            assertThat(call.getHeader("Idempotency-Key")).isEqualTo(actionId);
            assertThat(call.getHeader("Content-Type")).startsWith("application/json");
            assertThat(call.containsHeader("hubActionIds")).isFalse();
        }
        JsonNode body = json.readTree(calls.get(1).getBody());
        assertThat(body.get("decisionId").asText()).isEqualTo(decision.get("decisionId").asText());
        assertThat(body.get("moment").asText()).isEqualTo("REGISTRATION");
        assertThat(body.get("customerEmail").asText()).isEqualTo("sf@example.test");
        assertThat(body.at("/customer/ownerId").asText()).isEqualTo(ownerId);
        assertThat(body.at("/customer/country").asText()).isEqualTo("DE");
        assertThat(body.at("/offer/sku").asText()).isEqualTo("WX-ESP-2Y");
        assertThat(body.at("/offer/name").asText()).isEqualTo("2-year warranty extension (espresso machines)");
        assertThat(body.at("/offer/type").asText()).isEqualTo("WARRANTY_PLAN");
        assertThat(body.at("/offer/discountPercent").asInt()).isEqualTo(20);
        assertThat(body.at("/offer/expiresAt").asText()).isEqualTo(decision.at("/offer/expiresAt").asText());
        assertThat(body.at("/unit/serial").asText()).isEqualTo("EM300-00002");
        assertThat(body.at("/unit/model").asText()).isEqualTo("EM-300");
        // the shop can check (and redeem) the offer with its token
        JsonNode check = hub.get("/api/offers/redeem/" + body.at("/offer/offerToken").asText()).body();
        assertThat(check.get("valid").asBoolean()).isTrue();
        assertThat(check.get("decisionId").asText()).isEqualTo(decision.get("decisionId").asText());
        assertThat(check.get("sku").asText()).isEqualTo("WX-ESP-2Y");

        // no marketing consent: no push (the decision still has its offer)
        register(hub, "EM300-00004", "quiet@example.test", false);
        String quiet = "/api/units/" + EM300 + "/EM300-00004/decisions";
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.get(quiet).body().size() == 1);
        Thread.sleep(1000);
        assertThat(actionOf(hub.get(quiet).body().get(0), "storefront")).isNull();

        // the shop refuses (400): FAILED at once, after one attempt, visible to the operator; the token is not in the error
        SHOP.resetAll();
        SHOP.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(400).withBody("{\"error\":\"unknown customer\"}")));
        register(hub, "EM300-00005", "gone@example.test", true);
        String refused = "/api/units/" + EM300 + "/EM300-00005/decisions";
        await().atMost(Duration.ofSeconds(20)).until(() -> "FAILED".equals(statusOf(hub.get(refused).body().get(0), "storefront")));
        JsonNode failed = hub.get("/api/ops/failures").body().get("actions");
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).get("channel").asText()).isEqualTo("storefront");
        assertThat(failed.get(0).get("attempts").asInt()).isEqualTo(1);
        assertThat(failed.get(0).get("lastError").asText())
                .isEqualTo("HTTP 400 from storefront, not retried: {\"error\":\"unknown customer\"}");
        assertThat(SHOP.findAll(postRequestedFor(urlEqualTo(PATH)))).hasSize(1);
    }

    private static String register(HubClient hub, String serial, String email, boolean consent) {
        HubClient.Answer a = hub.post("/api/registrations", Map.of("gtin", EM300, "serial", serial,
                "purchaseDate", LocalDate.now(ZoneOffset.UTC).toString(),
                "owner", Map.of("email", email, "name", "Sam", "country", "DE", "marketingConsent", consent)));
        assertThat(a.status()).isEqualTo(201);
        return a.body().get("ownerId").asText();
    }
}
