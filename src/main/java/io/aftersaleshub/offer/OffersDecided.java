package io.aftersaleshub.offer;

import java.util.List;

/**
 * The decisions of one committed-together batch, published inside its transaction: listeners (the
 * dispatch module) add their writes to the same commit.
 */
public record OffersDecided(List<OfferDecided> decisions) {
}
