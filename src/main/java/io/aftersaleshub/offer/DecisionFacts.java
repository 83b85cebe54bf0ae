package io.aftersaleshub.offer;

import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

/**
 * The three facts an offer needs — which product, which owner, what they already bought — read from
 * PostgreSQL for one unit. {@code ownerId} is null when the unit has no current owner.
 */
public record DecisionFacts(long unitId, String gtin, String serial, String modelCode, String productLine,
                            int warrantyMonths, LocalDate manufacturedOn, UUID ownerId, String ownerEmail,
                            String ownerName, String ownerCountry, boolean marketingConsent, LocalDate purchaseDate,
                            Set<String> ownedSkus) {

    public LocalDate warrantyEndsOn() {
        return purchaseDate == null ? null : purchaseDate.plusMonths(warrantyMonths);
    }

    public boolean warrantyActive(LocalDate today) {
        LocalDate ends = warrantyEndsOn();
        return ends != null && !today.isAfter(ends);
    }

    /** Days since purchase (or manufacture when the purchase date is unknown). */
    public int unitAgeDays(LocalDate today) {
        LocalDate from = purchaseDate != null ? purchaseDate : manufacturedOn;
        return from == null ? 0 : (int) Math.max(0, java.time.temporal.ChronoUnit.DAYS.between(from, today));
    }
}
