package io.aftersaleshub.owner;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** Body of {@code POST /api/purchases}: something an owner bought, learnt from an ERP, a till or a shop. */
public record PurchaseRequest(String ownerEmail, String sku, String orderRef, BigDecimal amount, String currency,
                              OffsetDateTime purchasedAt, String source) {
}
