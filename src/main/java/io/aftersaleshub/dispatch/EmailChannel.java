package io.aftersaleshub.dispatch;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.aftersaleshub.offer.OfferDecided;
import io.aftersaleshub.offer.OfferTokens;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * E-mail: an offer goes to owners with an address who gave marketing consent, with its signed offer token
 * and the redeem link ({@code hub.public-url} + {@code /api/offers/redeem/<token>}).
 */
@Component
public class EmailChannel implements ActionChannel {

    public static final String NAME = "email";

    private final OfferTokens tokens;
    private final String publicUrl;

    public EmailChannel(OfferTokens tokens, @Value("${hub.public-url}") String publicUrl) {
        this.tokens = tokens;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

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
        String token = tokens.issue(d.decisionId(), d.unit().gtin(), d.unit().serial(), d.offer(), d.decidedAt());
        p.put("offerToken", token);
        p.put("redeemUrl", publicUrl + "/api/offers/redeem/" + token);
        return Optional.of(p);
    }
}
