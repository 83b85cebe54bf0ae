package io.aftersaleshub.rules;

import java.util.Set;

/** One expected outcome from a {@code *.cases.csv}: given these facts, the table offers this SKU (or none). Blank cells are null. */
public record OfferCase(String file, int line, String name, String moment, String productLine, String modelCode,
                        boolean warrantyActive, int unitAgeDays, String ownerCountry, Set<String> ownedSkus,
                        String expectedSku, String expectedRule) {
}
