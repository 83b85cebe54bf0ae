package io.aftersaleshub.connector.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftersaleshub.measure.Conversion;
import io.aftersaleshub.measure.Conversions;
import io.aftersaleshub.support.HubClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Offer → Shopify order → conversion: the offered SKU ordered inside the moment's attribution window (here
 * 1 hour for REGISTRATION) converts the decision with its revenue; outside it nothing converts; the offer's
 * discount code converts whatever the order holds; a refund reverses the conversion, once however often it comes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hub.shopify.webhook-secrets=conversion-secret",
        "hub.measure.attribution-window.REGISTRATION=1h"})
class ConversionIT extends HubWithTestShop {

    static final String EM300 = "04098765000300";
    static final String SECRET = "conversion-secret";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    Conversions conversions;
    @Autowired
    JdbcClient jdbc;

    @Test
    void ordersConvertTheirOffersWithRevenueAndRefundsReverseThem() {
        shop.answering();
        HubClient hub = new HubClient(rest);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        UUID ana = register(hub, "EM300-00001", "ana@example.test");
        UUID ben = register(hub, "EM300-00002", "ben@example.test");
        UUID cy = register(hub, "EM300-00003", "cy@example.test");
        for (String serial : List.of("EM300-00001", "EM300-00002", "EM300-00003")) {
            await().atMost(Duration.ofSeconds(20)).until(() -> actions(hub, serial).equals(List.of("email:SENT", "shopify-discount:SENT")));
        }
        String cyCode = DiscountCodes.forDecision(cy);

        // the e-mail carries the code and the cart link
        List<Map<String, Object>> mails = hub.list("/api/dev/mailbox");
        assertThat(mails).filteredOn(m -> m.get("to").equals("cy@example.test")).singleElement()
                .satisfies(m -> assertThat(m.get("body").toString()).contains("Your personal code " + cyCode
                        + " takes it off at checkout: " + shop.url() + "/discount/" + cyCode + "?redirect=%2Fsearch%3Fq%3DWX-ESP-2Y"));

        // inside the window: the offered SKU converts, revenue = price x quantity of its lines
        deliver("orders/create", "order-1", ShopifyTestShop.order(5001, "Ana@Example.test", now.plus(Duration.ofMinutes(10)),
                List.of(new ShopifyTestShop.Line("WX-ESP-2Y", 1, "79.00"), new ShopifyTestShop.Line("ACC-MILK-JUG", 1, "24.50")),
                List.of()));
        await().atMost(Duration.ofSeconds(20)).until(() -> conversions.of(ana).isPresent());
        Conversion c = conversions.of(ana).orElseThrow();
        assertThat(c.orderRef()).isEqualTo("5001");
        assertThat(c.matchedBy()).isEqualTo(Conversion.MatchedBy.SKU);
        assertThat(c.revenue()).isEqualByComparingTo("79.00");
        assertThat(c.currency()).isEqualTo("EUR");
        assertThat(c.at()).isEqualTo(now.plus(Duration.ofMinutes(10)));
        assertThat(c.reversed()).isFalse();

        // outside the window (1 h for REGISTRATION here): the same SKU converts nothing
        deliver("orders/create", "order-2", ShopifyTestShop.order(5002, "ben@example.test", now.plus(Duration.ofHours(2)),
                List.of(new ShopifyTestShop.Line("WX-ESP-2Y", 1, "79.00")), List.of()));
        // the offer's discount code converts, even on another SKU and past the window
        deliver("orders/create", "order-3", ShopifyTestShop.order(5003, "cy@example.test", now.plus(Duration.ofHours(3)),
                List.of(new ShopifyTestShop.Line("ACC-TAMPER-54", 2, "19.90")), List.of(cyCode)));
        await().atMost(Duration.ofSeconds(20)).until(() -> conversions.of(cy).isPresent());
        Conversion byCode = conversions.of(cy).orElseThrow();
        assertThat(byCode.matchedBy()).isEqualTo(Conversion.MatchedBy.DISCOUNT_CODE);
        assertThat(byCode.revenue()).isEqualByComparingTo("39.80");
        assertThat(byCode.orderRef()).isEqualTo("5003");
        await().atMost(Duration.ofSeconds(20)).until(() -> "1 purchase(s), 0 conversion(s)".equals(outcome("order-2")));
        assertThat(conversions.of(ben)).isEmpty();

        // a refund of the converted SKU reverses the conversion; delivered twice, counted once
        byte[] refund = ShopifyTestShop.refund(7001, 5001, Map.of("WX-ESP-2Y", "79.00"));
        deliver("refunds/create", "refund-1", refund);
        await().atMost(Duration.ofSeconds(20)).until(() -> conversions.of(ana).orElseThrow().reversed());
        deliver("refunds/create", "refund-1-again", refund);
        await().atMost(Duration.ofSeconds(20)).until(() -> "0 conversion(s) reversed".equals(outcome("refund-1-again")));
        Conversion reversed = conversions.of(ana).orElseThrow();
        assertThat(reversed.refunded()).isEqualByComparingTo("79.00");
        assertThat(reversed.revenue()).isEqualByComparingTo("79.00");
    }

    private void deliver(String topic, String eventId, byte[] body) {
        assertThat(ShopifyTestShop.deliverSigned(rest, topic, eventId, body, SECRET).getStatusCode().value()).isEqualTo(200);
    }

    private static UUID register(HubClient hub, String serial, String email) {
        assertThat(hub.post("/api/registrations", Map.of("gtin", EM300, "serial", serial,
                "purchaseDate", LocalDate.now(ZoneOffset.UTC).toString(),
                "owner", Map.of("email", email, "name", "N", "country", "DE", "marketingConsent", true))).status()).isEqualTo(201);
        JsonNode decision = hub.get("/api/units/" + EM300 + "/" + serial + "/decisions").body().get(0);
        assertThat(decision.get("offer").get("sku").asText()).isEqualTo("WX-ESP-2Y");
        assertThat(decision.get("offer").get("discountPercent").asInt()).isPositive();
        return UUID.fromString(decision.get("decisionId").asText());
    }

    private static List<String> actions(HubClient hub, String serial) {
        JsonNode decision = hub.get("/api/units/" + EM300 + "/" + serial + "/decisions").body().get(0);
        return java.util.stream.StreamSupport.stream(decision.get("actions").spliterator(), false)
                .map(a -> a.get("channel").asText() + ":" + a.get("status").asText()).sorted().toList();
    }

    /** What processing a delivery did, once it is processed. */
    private String outcome(String deliveryId) {
        return jdbc.sql("SELECT outcome FROM shopify_webhook WHERE delivery_id = ? AND status = 'PROCESSED'").param(deliveryId)
                .query(String.class).optional().orElse(null);
    }
}
