package io.aftersaleshub.dispatch;

import java.util.LinkedHashMap;
import java.util.Map;

import io.aftersaleshub.offer.OfferDecided;

/**
 * The parts of a channel's payload that every channel words the same: the offer ({@code sku}, {@code name},
 * {@code type}, {@code discountPercent}, {@code expiresAt}) and the unit ({@code gtin}, {@code serial}, {@code model}).
 */
public final class OfferPayload {

    private OfferPayload() {
    }

    /** The decision's offer; the caller has checked that there is one. */
    public static Map<String, Object> offer(OfferDecided d) {
        Map<String, Object> offer = new LinkedHashMap<>();
        offer.put("sku", d.offer().sku());
        offer.put("name", d.offer().name());
        offer.put("type", d.offer().type().name());
        offer.put("discountPercent", d.offer().discountPercent());
        offer.put("expiresAt", d.offer().expiresAt() == null ? null : d.offer().expiresAt().toString());
        return offer;
    }

    public static Map<String, Object> unit(OfferDecided d) {
        Map<String, Object> unit = new LinkedHashMap<>();
        unit.put("gtin", d.unit().gtin());
        unit.put("serial", d.unit().serial());
        unit.put("model", d.unit().modelCode());
        return unit;
    }
}
