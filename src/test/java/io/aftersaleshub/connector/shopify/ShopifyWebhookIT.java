package io.aftersaleshub.connector.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftersaleshub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code POST /webhooks/shopify} with the corpus's Order object and its published signature (secret
 * {@code my_client_secret}, here the previous secret of a rotation): a good signature is stored and processed
 * into purchases; a bad or missing one is refused with 401 and nothing stored; a redelivery is processed once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hub.shopify.webhook-secrets=new_secret, my_client_secret"})
class ShopifyWebhookIT extends HubIntegrationTest {

    /** The corpus order's signature with my_client_secret (hmac-vectors.json). */
    static final String ORDER_SIGNATURE = "Q3MRId68butKO3IZix2Qs6dYe16VbxhyZBCeo/o6hKI=";
    static final byte[] ORDER = ShopifyTestShop.resource("order-450789469.json");

    @DynamicPropertySource
    static void devMailbox(DynamicPropertyRegistry registry) {
        devMailboxOnAFreePort(registry);
    }

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcClient jdbc;

    final ObjectMapper json = new ObjectMapper();

    @Test
    void aSignedOrderIsStoredOnceAndBecomesPurchasesAndARedeliveryChangesNothing() throws Exception {
        // the hub's catalogue knows two of the order's three SKUs: the third line is not a purchase the hub keeps
        ResponseEntity<String> catalogue = keyed(rest).postForEntity("/api/catalog", Map.of("items", List.of(
                Map.of("sku", "IPOD2008BLACK", "type", "ACCESSORY", "name", "iPod black", "price", 199, "currency", "USD",
                        "compatibleGtins", List.of()),
                Map.of("sku", "IPOD2008GREEN", "type", "ACCESSORY", "name", "iPod green", "price", 199, "currency", "USD",
                        "compatibleGtins", List.of()))), String.class);
        assertThat(catalogue.getStatusCode().value()).as(catalogue.getBody()).isEqualTo(200);
        Map<String, String> headers = Map.of("X-Shopify-Topic", "orders/create", "X-Shopify-Hmac-Sha256", ORDER_SIGNATURE,
                "X-Shopify-Event-Id", "98880550-7158-44d4-b7cd-2c97c8a091b5",
                "X-Shopify-Webhook-Id", "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043");
        ResponseEntity<String> first = ShopifyTestShop.deliver(rest, ORDER, headers);
        assertThat(first.getStatusCode().value()).isEqualTo(200);
        assertThat(json.readTree(first.getBody()).get("status").asText()).isEqualTo("accepted");

        await().atMost(Duration.ofSeconds(20)).until(() -> "PROCESSED".equals(status("98880550-7158-44d4-b7cd-2c97c8a091b5")));
        assertThat(purchases()).containsExactly(
                "bob.norman@mail.example.com IPOD2008BLACK 199.00 USD shopify",
                "bob.norman@mail.example.com IPOD2008GREEN 199.00 USD shopify");
        assertThat(jdbc.sql("SELECT outcome FROM shopify_webhook WHERE delivery_id = ?").param("98880550-7158-44d4-b7cd-2c97c8a091b5")
                .query(String.class).single()).isEqualTo("2 purchase(s), 0 conversion(s), 1 line(s) of SKUs outside the catalogue skipped");
        // the stored bytes are the signed bytes
        assertThat(jdbc.sql("SELECT body FROM shopify_webhook WHERE delivery_id = ?").param("98880550-7158-44d4-b7cd-2c97c8a091b5")
                .query(byte[].class).single()).isEqualTo(ORDER);

        // Shopify retries the same delivery: acknowledged as a duplicate, stored once
        ResponseEntity<String> again = ShopifyTestShop.deliver(rest, ORDER, headers);
        assertThat(again.getStatusCode().value()).isEqualTo(200);
        assertThat(json.readTree(again.getBody()).get("status").asText()).isEqualTo("duplicate");
        assertThat(jdbc.sql("SELECT count(*) FROM shopify_webhook WHERE delivery_id = '98880550-7158-44d4-b7cd-2c97c8a091b5'")
                .query(Integer.class).single()).isEqualTo(1);

        // orders/paid of the same order (another event): stored, recognised by the order id, no second effect
        ResponseEntity<String> paid = ShopifyTestShop.deliver(rest, ORDER, Map.of("X-Shopify-Topic", "orders/paid",
                "X-Shopify-Hmac-Sha256", ORDER_SIGNATURE, "X-Shopify-Event-Id", "paid-450789469"));
        assertThat(paid.getStatusCode().value()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> "DUPLICATE".equals(status("paid-450789469")));
        assertThat(purchases()).hasSize(2);
    }

    @Test
    void aBadOrMissingSignatureIsRefusedWith401AndNothingIsStored() throws Exception {
        int before = deliveries();
        byte[] reserialised = json.writeValueAsString(json.readTree(ORDER)).getBytes(StandardCharsets.UTF_8);
        List<Map<String, String>> refused = List.of(
                // the body re-serialised: the published signature no longer matches
                Map.of("X-Shopify-Topic", "orders/create", "X-Shopify-Event-Id", "bad-1", "X-Shopify-Hmac-Sha256", ORDER_SIGNATURE),
                // signed with a secret the hub does not hold
                Map.of("X-Shopify-Topic", "orders/create", "X-Shopify-Event-Id", "bad-2",
                        "X-Shopify-Hmac-Sha256", WebhookSignature.sign(reserialised, "someone else's secret")),
                // the hex digest instead of base64
                Map.of("X-Shopify-Topic", "orders/create", "X-Shopify-Event-Id", "bad-3",
                        "X-Shopify-Hmac-Sha256", "c216532e103b86e63dedf14edb0414f22e824b1046b0cdbcf6ad4c5a4c6aa768"),
                Map.of("X-Shopify-Topic", "orders/create", "X-Shopify-Event-Id", "bad-4"));
        for (Map<String, String> headers : refused) {
            ResponseEntity<String> r = ShopifyTestShop.deliver(rest, reserialised, headers);
            assertThat(r.getStatusCode().value()).as(headers.toString()).isEqualTo(401);
            assertThat(r.getHeaders().getContentType().toString()).isEqualTo("application/problem+json");
            JsonNode problem = json.readTree(r.getBody());
            assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("X-Shopify-Hmac-Sha256");
            assertThat(problem.get("errors").get(0).get("reason").asText())
                    .isEqualTo(headers.containsKey("X-Shopify-Hmac-Sha256") ? "does not match the body" : "is missing");
        }
        assertThat(deliveries()).isEqualTo(before);
    }

    @Test
    void headerNamesInAnyCaseAndTheNewSecretOfARotationAreAccepted() {
        byte[] order = ShopifyTestShop.order(9001, "cara@example.com", java.time.Instant.parse("2026-11-01T10:00:00Z"),
                List.of(new ShopifyTestShop.Line("ACC-MILK-JUG", 2, "24.50")), List.of());
        ResponseEntity<String> r = ShopifyTestShop.deliver(rest, order, Map.of("x-shopify-topic", "orders/create",
                "x-shopify-webhook-id", "lower-case-1", "x-shopify-hmac-sha256", WebhookSignature.sign(order, "new_secret")));
        assertThat(r.getStatusCode().value()).isEqualTo(200);
        // no event id: the webhook id is the delivery id
        await().atMost(Duration.ofSeconds(20)).until(() -> "PROCESSED".equals(status("lower-case-1")));
        assertThat(purchasesOf("cara@example.com")).containsExactly("cara@example.com ACC-MILK-JUG 49.00 EUR shopify");
    }

    @Test
    void refundsAreProcessedAndCustomersAreKeptButNotUsed() {
        byte[] refund = ShopifyTestShop.resource("refund-509562969.json");
        assertThat(ShopifyTestShop.deliverSigned(rest, "refunds/create", "refund-1", refund, "new_secret").getStatusCode().value())
                .isEqualTo(200);
        byte[] customer = ShopifyTestShop.resource("customer.json");
        assertThat(ShopifyTestShop.deliverSigned(rest, "customers/create", "customer-1", customer, "my_client_secret")
                .getStatusCode().value()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> "PROCESSED".equals(status("refund-1"))
                && "IGNORED".equals(status("customer-1")));
        assertThat(jdbc.sql("SELECT outcome FROM shopify_webhook WHERE delivery_id = 'refund-1'").query(String.class).single())
                .isEqualTo("0 conversion(s) reversed");
    }

    @Test
    void aDeliveryWithoutTopicOrIdIsRefusedNamingTheHeader() throws Exception {
        byte[] body = "{\"id\": 1}".getBytes(StandardCharsets.UTF_8);
        ResponseEntity<String> r = ShopifyTestShop.deliver(rest, body, Map.of("X-Shopify-Hmac-Sha256",
                WebhookSignature.sign(body, "new_secret")));
        assertThat(r.getStatusCode().value()).isEqualTo(400);
        assertThat(json.readTree(r.getBody()).get("detail").asText())
                .isEqualTo("X-Shopify-Topic is required; X-Shopify-Event-Id is required (or X-Shopify-Webhook-Id)");
    }

    private String status(String deliveryId) {
        return jdbc.sql("SELECT status FROM shopify_webhook WHERE delivery_id = ?").param(deliveryId).query(String.class)
                .optional().orElse(null);
    }

    private int deliveries() {
        return jdbc.sql("SELECT count(*) FROM shopify_webhook").query(Integer.class).single();
    }

    private List<String> purchases() {
        return purchasesOf("bob.norman@mail.example.com");
    }

    private List<String> purchasesOf(String email) {
        return jdbc.sql("""
                        SELECT o.email || ' ' || p.sku || ' ' || p.amount || ' ' || p.currency || ' ' || p.source
                        FROM purchase p JOIN owner o ON o.id = p.owner_id WHERE o.email = ? ORDER BY p.sku
                        """).param(email).query(String.class).list();
    }
}
