package io.aftersaleshub.offer;

import java.time.Instant;
import java.util.UUID;

import io.aftersaleshub.rules.vocabulary.Moment;

/**
 * What the hub decided for one event: its status, the offer (for {@link DecisionStatus#HOLDOUT} the offer
 * it would have made; null when none), why, which rule set and row said so, and the explanation.
 */
public record Decision(UUID decisionId, UUID eventId, Moment moment, Long unitId, UUID ownerId, DecisionStatus status,
                       Offer offer, String reason, String rulesVersion, String ruleName, Instant decidedAt,
                       Explanation explanation) {

    /** The offer the owner gets: null unless the status is OFFERED (never a held-out offer). */
    public Offer deliveredOffer() {
        return status == DecisionStatus.OFFERED ? offer : null;
    }
}
