package io.aftersaleshub.offer;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The synchronous offer API and its tokens: calls for the same unit, owner and moment within {@code window}
 * of a decision get that decision back; {@code tokenKey} signs offer tokens (required with an external
 * database; the embedded default makes one in its data folder); a token of an offer whose rule row gives
 * no time limit is valid for {@code tokenValidity}.
 */
@ConfigurationProperties("hub.offers")
public record OfferApiSettings(Duration window, String tokenKey, Duration tokenValidity) {

    public OfferApiSettings {
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("hub.offers.window (HUB_OFFERS_WINDOW) must be a positive duration, e.g. 10m");
        }
        if (tokenValidity == null || tokenValidity.isNegative() || tokenValidity.isZero()) {
            throw new IllegalArgumentException("hub.offers.token-validity (HUB_OFFER_TOKEN_VALIDITY) must be a positive duration, e.g. 30d");
        }
    }

    @Override
    public String toString() { // never the key
        return "OfferApiSettings[window=" + window + ", tokenValidity=" + tokenValidity + "]";
    }
}
