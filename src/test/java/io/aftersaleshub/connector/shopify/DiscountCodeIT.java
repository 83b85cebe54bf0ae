package io.aftersaleshub.connector.shopify;

import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.aftersaleshub.dispatch.Queues;
import io.aftersaleshub.support.HubClient;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The discount code of an offer is made in the shop once: while the Admin API fails (a 500, then a timeout of a
 * call that did take effect) the action is retried with back-off and the code is made on a later attempt, once;
 * a redelivered action, or one whose "sent" mark was lost, never makes a second one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hub.shopify.admin-timeout=2s", "hub.dispatch.max-redeliveries=8", "hub.dispatch.redelivery-delay=200ms"})
class DiscountCodeIT extends HubWithTestShop {

    static final String EM300 = "04098765000300";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProducerTemplate producer;

    @Test
    void theShopDownThenBackGetsTheCodeOnceAndRedeliveriesNeverMakeASecond() {
        // the shop: the first create answers 500; the second takes effect but answers after the hub's 2 s timeout
        shop.server.stubFor(ShopifyAdminStub.call("productVariants").willReturn(ShopifyAdminStub.variantFound()));
        shop.server.stubFor(ShopifyAdminStub.call("discountCodeBasicCreate").inScenario("shop").whenScenarioStateIs(STARTED)
                .willReturn(WireMock.aResponse().withStatus(500).withBody("{\"errors\":\"Internal Server Error\"}"))
                .willSetStateTo("down once"));
        shop.server.stubFor(ShopifyAdminStub.call("discountCodeBasicCreate").inScenario("shop").whenScenarioStateIs("down once")
                .willReturn(ShopifyAdminStub.created().withFixedDelay(4000)).willSetStateTo("created"));
        shop.server.stubFor(ShopifyAdminStub.call("discountCodeBasicCreate").inScenario("shop").whenScenarioStateIs("created")
                .willReturn(ShopifyAdminStub.json("{\"data\":{\"discountCodeBasicCreate\":{\"codeDiscountNode\":null,"
                        + "\"userErrors\":[{\"field\":[\"basicCodeDiscount\",\"code\"],\"code\":\"TAKEN\",\"message\":\"Code must be unique.\"}]}}}")));
        for (String state : new String[] {STARTED, "down once"}) {
            shop.server.stubFor(ShopifyAdminStub.call("codeDiscountNodeByCode").inScenario("shop").whenScenarioStateIs(state)
                    .willReturn(ShopifyAdminStub.json("{\"data\":{\"codeDiscountNodeByCode\":null}}")));
        }
        shop.server.stubFor(ShopifyAdminStub.call("codeDiscountNodeByCode").inScenario("shop").whenScenarioStateIs("created")
                .willReturn(ShopifyAdminStub.found()));

        HubClient hub = new HubClient(rest);
        assertThat(hub.post("/api/registrations", Map.of("gtin", EM300, "serial", "EM300-00004",
                "purchaseDate", LocalDate.now(ZoneOffset.UTC).toString(),
                "owner", Map.of("email", "dee@example.test", "name", "Dee", "country", "DE", "marketingConsent", true))).status())
                .isEqualTo(201);
        UUID decision = UUID.fromString(hub.get("/api/units/" + EM300 + "/EM300-00004/decisions").body().get(0).get("decisionId").asText());
        String code = DiscountCodes.forDecision(decision);
        UUID action = jdbc.sql("SELECT id FROM outbound_action WHERE decision_id = ? AND channel = 'shopify-discount'")
                .param(decision).query(UUID.class).single();

        await().atMost(Duration.ofSeconds(60)).until(() -> "SENT".equals(status(action)));
        // one create answered 500, one timed out (but made the code); every later attempt's lookup found it, so no
        // create reached the shop after the code existed (it would be answered TAKEN). A slow answer on this shared
        // machine may cost an extra attempt, hence "at least".
        assertThat(shop.server.findAll(ShopifyAdminStub.requested("discountCodeBasicCreate"))).hasSize(2);
        int lookups = shop.server.findAll(ShopifyAdminStub.requested("codeDiscountNodeByCode")).size();
        assertThat(lookups).isGreaterThanOrEqualTo(3);
        assertThat(jdbc.sql("SELECT attempts FROM outbound_action WHERE id = ?").param(action).query(Integer.class).single())
                .isGreaterThanOrEqualTo(3);
        assertThat(shop.server.findAll(ShopifyAdminStub.requested("discountCodeBasicCreate")))
                .allSatisfy(r -> assertThat(r.getBodyAsString()).contains("\"code\":\"" + code + "\"", "\"percentage\":0.2",
                        "\"usageLimit\":1", ShopifyAdminStub.VARIANT));
        assertThat(jdbc.sql("SELECT code || ' ' || discount_id FROM shopify_discount_code WHERE decision_id = ?").param(decision)
                .query(String.class).single()).isEqualTo(code + " " + ShopifyAdminStub.DISCOUNT);
        assertThat(jdbc.sql("SELECT discount_code FROM measure_attribution WHERE decision_id = ?").param(decision)
                .query(String.class).single()).isEqualTo(code);

        // the broker delivers the action again: it is sent, nothing is asked of the shop
        int calls = shop.server.getAllServeEvents().size();
        redeliver(action);
        // the "sent" mark was lost (a crash after the code was made): the hub's own record answers
        jdbc.sql("UPDATE outbound_action SET status = 'PENDING' WHERE id = ?").param(action).update();
        redeliver(action);
        await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(status(action)));
        assertThat(shop.server.getAllServeEvents()).hasSize(calls);

        // and with the hub's record gone too, the shop's answer to the lookup prevents a second code
        jdbc.sql("DELETE FROM shopify_discount_code WHERE decision_id = ?").param(decision).update();
        jdbc.sql("UPDATE outbound_action SET status = 'PENDING' WHERE id = ?").param(action).update();
        redeliver(action);
        await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(status(action)));
        assertThat(shop.server.findAll(ShopifyAdminStub.requested("discountCodeBasicCreate"))).hasSize(2);
        assertThat(shop.server.findAll(ShopifyAdminStub.requested("codeDiscountNodeByCode"))).hasSize(lookups + 1);
    }

    private void redeliver(UUID action) {
        producer.sendBodyAndHeader("jms:queue:" + Queues.forChannel(ShopifyDiscountChannel.NAME), action.toString(),
                Queues.ACTION_IDS, action.toString());
    }

    private String status(UUID action) {
        return jdbc.sql("SELECT status FROM outbound_action WHERE id = ?").param(action).query(String.class).single();
    }
}
