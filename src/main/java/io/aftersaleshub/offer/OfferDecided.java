package io.aftersaleshub.offer;

import java.time.Instant;
import java.util.UUID;

import io.aftersaleshub.rules.vocabulary.Moment;

/**
 * What the decide step publishes for each decision, with a snapshot of everything a channel needs (the
 * offer, the owner's contact and consent, the unit), so that sinks never read offer or owner tables.
 * {@code offer} is the delivered offer: null when none is delivered (no offer, held out, capped — see
 * {@code status}); {@code owner} is null when the unit has no owner.
 */
public record OfferDecided(UUID decisionId, UUID eventId, Moment moment, DecisionStatus status, Offer offer, Recipient owner,
                           UnitRef unit, Instant decidedAt) {

    public record Recipient(UUID ownerId, String email, String name, String locale, String country,
                            boolean marketingConsent) {
    }

    public record UnitRef(String gtin, String serial, String modelCode) {
    }
}
