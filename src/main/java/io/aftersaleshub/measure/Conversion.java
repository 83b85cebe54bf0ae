package io.aftersaleshub.measure;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A decision converted by an order: the offered SKU bought inside the attribution window ({@code SKU}) or
 * the offer's discount code used ({@code DISCOUNT_CODE}), with the revenue it brought. A refund of it sets
 * {@code reversedAt} and adds to {@code refunded}.
 */
public record Conversion(UUID decisionId, String orderRef, MatchedBy matchedBy, BigDecimal revenue, String currency,
                         Instant at, BigDecimal refunded, Instant reversedAt) {

    public enum MatchedBy { SKU, DISCOUNT_CODE }

    public boolean reversed() {
        return reversedAt != null;
    }
}
