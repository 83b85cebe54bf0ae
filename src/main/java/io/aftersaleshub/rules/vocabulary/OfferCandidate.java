package io.aftersaleshub.rules.vocabulary;

/** One offer a decision-table row proposes; guardrails pick among them by priority. */
public record OfferCandidate(String ruleName, String sku, int priority, int discountPercent, int validHours) {
}
