package io.aftersaleshub.connector.shopify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * What Shopify sends, for the webhook tests: deliveries signed like Shopify signs them, and orders and refunds
 * made from the corpus's Order object with another customer, lines and codes.
 */
final class ShopifyTestShop {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ShopifyTestShop() {
    }

    /** Posts a delivery with the given headers (names exactly as given) and answers status and body. */
    static ResponseEntity<String> deliver(TestRestTemplate rest, byte[] body, Map<String, String> headers) {
        HttpHeaders h = new HttpHeaders();
        h.add("Content-Type", "application/json");
        headers.forEach(h::add);
        return rest.exchange("/webhooks/shopify", HttpMethod.POST, new HttpEntity<>(body, h), String.class);
    }

    /** Posts a delivery signed with {@code secret}. */
    static ResponseEntity<String> deliverSigned(TestRestTemplate rest, String topic, String eventId, byte[] body, String secret) {
        return deliver(rest, body, Map.of("X-Shopify-Topic", topic, "X-Shopify-Event-Id", eventId,
                "X-Shopify-Hmac-Sha256", WebhookSignature.sign(body, secret), "X-Shopify-Shop-Domain", "test-shop.myshopify.com"));
    }

    record Line(String sku, int quantity, String price) {
    }

    /** The corpus order as order {@code id} by {@code email} at {@code at}, in EUR, with these lines and codes. */
    static byte[] order(long id, String email, Instant at, List<Line> lines, List<String> codes) {
        ObjectNode o = (ObjectNode) read("order-450789469.json");
        o.put("id", id);
        o.put("email", email);
        o.put("contact_email", email);
        ((ObjectNode) o.get("customer")).put("email", email);
        o.put("created_at", at.toString());
        o.put("processed_at", at.toString());
        o.put("currency", "EUR");
        ObjectNode template = (ObjectNode) o.get("line_items").get(0);
        ArrayNode items = o.putArray("line_items");
        long lineId = id * 10;
        for (Line l : lines) {
            ObjectNode li = template.deepCopy();
            li.put("id", ++lineId);
            li.put("sku", l.sku());
            li.put("quantity", l.quantity());
            li.put("price", l.price());
            items.add(li);
        }
        ArrayNode dc = o.putArray("discount_codes");
        codes.forEach(c -> dc.addObject().put("code", c).put("amount", "10.00").put("type", "percentage"));
        o.putArray("refunds");
        return write(o);
    }

    /** The corpus refund as refund {@code id} of order {@code orderId}, giving back these SKUs and subtotals. */
    static byte[] refund(long id, long orderId, Map<String, String> subtotalBySku) {
        ObjectNode r = (ObjectNode) read("refund-509562969.json");
        r.put("id", id);
        r.put("order_id", orderId);
        ObjectNode template = (ObjectNode) r.get("refund_line_items").get(0);
        ArrayNode items = r.putArray("refund_line_items");
        subtotalBySku.forEach((sku, subtotal) -> {
            ObjectNode rli = template.deepCopy();
            rli.put("subtotal", Double.parseDouble(subtotal));
            ((ObjectNode) rli.get("line_item")).put("sku", sku);
            items.add(rli);
        });
        return write(r);
    }

    static byte[] resource(String name) {
        try {
            return WebhookSignatureTest.resource(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String name) {
        try {
            return JSON.readTree(resource(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
