package io.aftersaleshub.registration;

import java.time.LocalDate;
import java.util.UUID;

import io.aftersaleshub.offer.Offer;

/** Answer to a registration: ids, the warranty it starts, and the offer to show at once (or null). */
public record RegistrationResponse(UUID registrationId, UUID ownerId, UUID eventId, Warranty warranty, Offer offer,
                                   boolean alreadyRegistered) {

    public record Warranty(LocalDate endsOn) {
    }
}
