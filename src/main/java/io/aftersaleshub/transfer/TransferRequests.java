package io.aftersaleshub.transfer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** The transfer API's bodies and answers. */
public final class TransferRequests {

    private TransferRequests() {
    }

    /** Body of {@code POST /api/transfers}: the current owner hands the unit to {@code newOwnerEmail}. */
    public record Start(String gtin, String serial, String newOwnerEmail) {
    }

    /** 201 answer: the token goes to the new owner (it is shown once; the hub keeps only its hash). */
    public record Started(UUID transferId, String token, Instant expiresAt) {
    }

    /** Body of {@code POST /api/transfers/{token}/complete}: the new owner. */
    public record Complete(NewOwner owner) {
    }

    public record NewOwner(String email, String name, String country, Boolean marketingConsent, String locale) {
    }

    /** The new ownership; its {@code ownership.transferred} event is decided a moment later. */
    public record Completed(UUID transferId, UUID ownershipId, UUID ownerId, UUID eventId, String gtin, String serial,
                     Warranty warranty) {
    }

    public record Warranty(LocalDate endsOn) {
    }
}
