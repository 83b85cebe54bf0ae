package io.aftersaleshub.connector.shopify;

import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * The few Admin API (GraphQL) calls the hub makes, on {@code <shop>/admin/api/<version>/graphql.json} with header
 * {@code X-Shopify-Access-Token}: find a code discount by its code, find a product variant by SKU, create a basic
 * percentage code discount for one variant. An HTTP error, a timeout or a GraphQL {@code errors} answer
 * (e.g. THROTTLED) throws, so that the action is retried.
 */
@Component
class ShopifyAdminClient {

    static final String TOKEN_HEADER = "X-Shopify-Access-Token";

    private static final String FIND_CODE = "query($code: String!) { codeDiscountNodeByCode(code: $code) { id } }";
    private static final String FIND_VARIANT = "query($q: String!) { productVariants(first: 1, query: $q) { nodes { id legacyResourceId } } }";
    private static final String CREATE = """
            mutation($discount: DiscountCodeBasicInput!) {
              discountCodeBasicCreate(basicCodeDiscount: $discount) {
                codeDiscountNode { id }
                userErrors { field code message }
              }
            }""";

    /** A product variant: its GraphQL id and its numeric id (for cart links). */
    record Variant(String id, String legacyId) {
    }

    /** What a basic code discount is made of. */
    record NewDiscount(String code, String title, int percent, String variantId, String startsAt, String endsAt) {
    }

    private final ShopifyProperties settings;
    private final RestClient http;

    ShopifyAdminClient(ShopifyProperties settings, RestClient.Builder builder) {
        this.settings = settings;
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
                // HTTP/1.1: a cleartext h2c upgrade (a local test shop) is refused by some servers
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.adminTimeout()).build());
        factory.setReadTimeout(settings.adminTimeout());
        this.http = builder.requestFactory(factory).build();
    }

    Optional<String> findDiscount(String code) {
        JsonNode node = call(FIND_CODE, Map.of("code", code)).path("codeDiscountNodeByCode");
        return node.isNull() || node.isMissingNode() ? Optional.empty() : Optional.of(node.path("id").asText());
    }

    Optional<Variant> findVariant(String sku) {
        JsonNode nodes = call(FIND_VARIANT, Map.of("q", "sku:\"" + sku.replace("\"", "\\\"") + "\"")).path("productVariants").path("nodes");
        if (!nodes.isArray() || nodes.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Variant(nodes.get(0).path("id").asText(), nodes.get(0).path("legacyResourceId").asText()));
    }

    /**
     * Creates the discount and returns its id; a code the shop already has (user error TAKEN, e.g. made by an
     * attempt whose answer was lost) is found and its id returned instead.
     */
    String createDiscount(NewDiscount d) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("title", d.title());
        input.put("code", d.code());
        input.put("startsAt", d.startsAt());
        input.put("endsAt", d.endsAt());
        input.put("usageLimit", 1);
        input.put("appliesOncePerCustomer", true);
        input.put("customerSelection", Map.of("all", true));
        input.put("customerGets", Map.of(
                "value", Map.of("percentage", BigDecimal.valueOf(d.percent()).movePointLeft(2)),
                "items", Map.of("products", Map.of("productVariantsToAdd", List.of(d.variantId())))));
        JsonNode result = call(CREATE, Map.of("discount", input)).path("discountCodeBasicCreate");
        List<String> errors = new ArrayList<>();
        boolean taken = false;
        for (JsonNode e : result.path("userErrors")) {
            taken |= "TAKEN".equals(e.path("code").asText()) || e.path("message").asText().toLowerCase().contains("unique");
            errors.add(e.path("field") + ": " + e.path("message").asText());
        }
        if (taken) {
            return findDiscount(d.code()).orElseThrow(() -> new IllegalStateException(
                    "Shopify says code " + d.code() + " exists but does not find it"));
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException("Shopify refused discount " + d.code() + ": " + String.join("; ", errors));
        }
        return result.path("codeDiscountNode").path("id").asText();
    }

    private JsonNode call(String query, Map<String, Object> variables) {
        if (!settings.adminConfigured()) {
            throw new IllegalStateException("SHOPIFY_SHOP_URL and SHOPIFY_ADMIN_TOKEN must be set to create discount codes");
        }
        JsonNode answer = http.post()
                .uri(settings.shopUrl() + "/admin/api/" + settings.apiVersion() + "/graphql.json")
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .header(TOKEN_HEADER, settings.adminToken())
                .body(Map.of("query", query, "variables", variables))
                .retrieve()
                .body(JsonNode.class);
        if (answer == null) {
            throw new IllegalStateException("Shopify answered with no body");
        }
        if (answer.path("errors").size() > 0) {
            List<String> messages = new ArrayList<>();
            answer.path("errors").forEach(e -> messages.add(e.path("message").asText()));
            throw new IllegalStateException("Shopify GraphQL error: " + String.join("; ", messages));
        }
        return answer.path("data");
    }
}
