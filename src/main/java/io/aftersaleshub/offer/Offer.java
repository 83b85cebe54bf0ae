package io.aftersaleshub.offer;

import java.time.Instant;

import io.aftersaleshub.catalog.ItemType;

/** The offer a decision makes, as shown to an owner. {@code expiresAt} is null when there is no time limit. */
public record Offer(String sku, ItemType type, String name, int discountPercent, Instant expiresAt) {
}
