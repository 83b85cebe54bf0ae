package io.aftersaleshub.offer;

/**
 * What a decision did. {@code OFFERED}: an offer is delivered (shown, and e-mailed with consent).
 * {@code HOLDOUT}: the owner is in the moment's holdout group; the decision carries the offer it would have
 * made, nothing is delivered, and it does not count against the frequency cap. {@code CAPPED}: the
 * frequency cap removed what would have been the offer. {@code NO_OFFER}: no row matched, or every
 * candidate was refused, or the moment had its offer already.
 */
public enum DecisionStatus { OFFERED, HOLDOUT, CAPPED, NO_OFFER }
