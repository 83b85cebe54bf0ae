package io.aftersaleshub.offer;

import java.time.Instant;
import java.util.UUID;

/** What a signed offer token says: which decision offered which SKU at which discount for which unit, until when. */
public record OfferToken(UUID decisionId, String gtin, String serial, String sku, int discountPercent, Instant expiresAt) {
}
