package io.aftersaleshub.registration;

import java.time.LocalDate;

/** Body of {@code POST /api/registrations}. */
public record RegistrationRequest(String gtin, String serial, OwnerIn owner, LocalDate purchaseDate, String channel) {

    public record OwnerIn(String email, String name, String country, Boolean marketingConsent, String locale) {
    }
}
