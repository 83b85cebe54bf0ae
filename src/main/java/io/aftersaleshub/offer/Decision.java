package io.aftersaleshub.offer;

import java.time.Instant;
import java.util.UUID;

import io.aftersaleshub.rules.vocabulary.Moment;

/** What the hub decided for one event: an offer or none, why, and which rule set and row said so. */
public record Decision(UUID decisionId, UUID eventId, Moment moment, Long unitId, UUID ownerId, Offer offer,
                       String reason, String rulesVersion, String ruleName, Instant decidedAt) {
}
