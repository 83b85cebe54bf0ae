package io.aftersaleshub.rules;

import java.util.Set;

import io.aftersaleshub.rules.vocabulary.FactValues;

/** One expected outcome from a {@code *.cases.csv}: given these facts, the table offers this SKU (or none). */
public record OfferCase(String file, int line, String name, FactValues facts, Set<String> ownedSkus,
                        String expectedSku, String expectedRule) {
}
