package io.aftersaleshub.measure;

import java.time.Instant;
import java.util.UUID;

/** What measure keeps of a decision with an offer: enough to tell whether an order converted it. */
record Attribution(UUID decisionId, String ownerEmail, String moment, String sku, String discountCode, Instant decidedAt) {
}
