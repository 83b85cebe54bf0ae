package io.aftersaleshub.dispatch;

import java.util.Map;

import io.aftersaleshub.offer.OfferDecided;

/**
 * Fields another module adds to a decision's offer e-mail payload, e.g. a shop connector's discount code
 * and cart link ({@code discountCode}, {@code cartUrl}); empty when it has nothing to add. Called in the
 * deciding transaction: no I/O.
 */
public interface OfferMailFields {

    Map<String, Object> fieldsFor(OfferDecided decided);
}
