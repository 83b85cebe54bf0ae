package io.aftersaleshub.dispatch;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.aftersaleshub.offer.OfferDecided;
import org.springframework.stereotype.Component;

/** E-mail: an offer goes to owners with an address who gave marketing consent. */
@Component
public class EmailChannel implements ActionChannel {

    public static final String NAME = "email";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Map<String, Object>> payloadFor(OfferDecided d) {
        if (d.offer() == null || d.owner() == null || !d.owner().marketingConsent() || d.owner().email() == null) {
            return Optional.empty();
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("to", d.owner().email());
        p.put("ownerId", d.owner().ownerId() == null ? null : d.owner().ownerId().toString());
        p.put("name", d.owner().name());
        p.put("locale", d.owner().locale());
        p.put("moment", d.moment().name());
        p.put("decisionId", d.decisionId().toString());
        p.put("sku", d.offer().sku());
        p.put("offerName", d.offer().name());
        p.put("offerType", d.offer().type().name());
        p.put("discountPercent", d.offer().discountPercent());
        p.put("expiresAt", d.offer().expiresAt() == null ? null : d.offer().expiresAt().toString());
        p.put("gtin", d.unit().gtin());
        p.put("serial", d.unit().serial());
        p.put("modelCode", d.unit().modelCode());
        return Optional.of(p);
    }
}
