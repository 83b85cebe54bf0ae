package io.aftersaleshub.connector.shopify;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftersaleshub.measure.OrderPlaced;
import io.aftersaleshub.measure.OrderRefunded;

/**
 * Reads Shopify's Order and Refund objects (REST/webhook shape) into what the hub keeps: the customer's
 * e-mail ({@code email}, else {@code contact_email}, else {@code customer.email}), the line items with a SKU
 * (quantity and unit {@code price} in the order's {@code currency}), the discount codes used, and for a
 * refund its lines' SKU and {@code subtotal}. Lines without a SKU (gift cards, custom items) are skipped.
 */
final class ShopifyOrderMapper {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private ShopifyOrderMapper() {
    }

    /** The order, or null when it names no usable customer e-mail (no owner to attribute it to). */
    static OrderPlaced order(JsonNode o) {
        String email = firstText(o.path("email"), o.path("contact_email"), o.path("customer").path("email"));
        if (email == null || !EMAIL.matcher(email).matches() || email.length() > 254) {
            return null;
        }
        List<OrderPlaced.Line> lines = new ArrayList<>();
        for (JsonNode li : o.path("line_items")) {
            String sku = text(li.path("sku"));
            int quantity = li.path("quantity").asInt(0);
            BigDecimal price = decimal(li.path("price"));
            if (sku == null || sku.length() > 64 || sku.chars().anyMatch(Character::isISOControl) || quantity <= 0
                    || price == null || price.signum() < 0) {
                continue;
            }
            lines.add(new OrderPlaced.Line(sku, quantity, price.setScale(2, RoundingMode.HALF_UP)));
        }
        Set<String> codes = new LinkedHashSet<>();
        for (JsonNode dc : o.path("discount_codes")) {
            String code = text(dc.path("code"));
            if (code != null) {
                codes.add(code.toUpperCase(Locale.ROOT));
            }
        }
        String createdAt = firstText(o.path("created_at"), o.path("processed_at"));
        Instant placedAt = createdAt == null ? Instant.now() : OffsetDateTime.parse(createdAt).toInstant();
        String currency = text(o.path("currency"));
        return new OrderPlaced(String.valueOf(o.path("id").asLong()), email.toLowerCase(Locale.ROOT), placedAt,
                currency == null ? "XXX" : currency.toUpperCase(Locale.ROOT), List.copyOf(lines), Set.copyOf(codes));
    }

    static OrderRefunded refund(JsonNode r) {
        List<OrderRefunded.Line> lines = new ArrayList<>();
        for (JsonNode rli : r.path("refund_line_items")) {
            String sku = text(rli.path("line_item").path("sku"));
            BigDecimal amount = decimal(rli.path("subtotal"));
            if (amount == null) {
                BigDecimal price = decimal(rli.path("line_item").path("price"));
                amount = price == null ? BigDecimal.ZERO : price.multiply(BigDecimal.valueOf(rli.path("quantity").asInt(0)));
            }
            lines.add(new OrderRefunded.Line(sku, amount.setScale(2, RoundingMode.HALF_UP)));
        }
        String at = firstText(r.path("processed_at"), r.path("created_at"));
        return new OrderRefunded(String.valueOf(r.path("order_id").asLong()), String.valueOf(r.path("id").asLong()),
                at == null ? Instant.now() : OffsetDateTime.parse(at).toInstant(), List.copyOf(lines));
    }

    private static String firstText(JsonNode... nodes) {
        for (JsonNode n : nodes) {
            String t = text(n);
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() || n.asText().isBlank() ? null : n.asText().trim();
    }

    private static BigDecimal decimal(JsonNode n) {
        String t = text(n);
        if (t == null) {
            return null;
        }
        try {
            return new BigDecimal(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
