package io.aftersaleshub.measure;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * An order from a shop, as measure needs it: who ordered ({@code ownerEmail}), when, its lines and the
 * discount codes it used. {@code orderRef} is the shop's order id.
 */
public record OrderPlaced(String orderRef, String ownerEmail, Instant placedAt, String currency, List<Line> lines,
                          Set<String> discountCodes) {

    /** An order line: its SKU, quantity and unit price in the order's currency. */
    public record Line(String sku, int quantity, BigDecimal price) {
        public BigDecimal total() {
            return price.multiply(BigDecimal.valueOf(quantity));
        }
    }
}
