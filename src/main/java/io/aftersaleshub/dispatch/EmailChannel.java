package io.aftersaleshub.dispatch;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.aftersaleshub.offer.DecisionStatus;
import io.aftersaleshub.offer.OfferDecided;
import io.aftersaleshub.offer.OfferTokens;
import io.aftersaleshub.rules.vocabulary.Moment;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * E-mail: an offer goes to owners with an address who gave marketing consent, with its signed offer token
 * and the redeem link ({@code hub.public-url} + {@code /api/offers/redeem/<token>}). A registration whose
 * offer the frequency cap withheld still gets its confirmation e-mail, without the offer; a held-out
 * decision gets nothing.
 */
@Component
public class EmailChannel implements ActionChannel {

    public static final String NAME = "email";

    private final ObjectProvider<OfferMailFields> extraFields;
    private final OfferTokens tokens;
    private final String publicUrl;

    public EmailChannel(ObjectProvider<OfferMailFields> extraFields, OfferTokens tokens,
                        @Value("${hub.public-url}") String publicUrl) {
        this.extraFields = extraFields;
        this.tokens = tokens;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Map<String, Object>> payloadFor(OfferDecided d) {
        if (d.owner() == null || !d.owner().marketingConsent() || d.owner().email() == null) {
            return Optional.empty();
        }
        boolean confirmationOnly = d.offer() == null && d.moment() == Moment.REGISTRATION && d.status() == DecisionStatus.CAPPED;
        if (d.offer() == null && !confirmationOnly) {
            return Optional.empty();
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("to", d.owner().email());
        p.put("ownerId", d.owner().ownerId() == null ? null : d.owner().ownerId().toString());
        p.put("name", d.owner().name());
        p.put("locale", d.owner().locale());
        p.put("moment", d.moment().name());
        p.put("decisionId", d.decisionId().toString());
        if (d.offer() != null) {
            p.put("sku", d.offer().sku());
            p.put("offerName", d.offer().name());
            p.put("offerType", d.offer().type().name());
            p.put("discountPercent", d.offer().discountPercent());
            p.put("expiresAt", d.offer().expiresAt() == null ? null : d.offer().expiresAt().toString());
        }
        p.put("gtin", d.unit().gtin());
        p.put("serial", d.unit().serial());
        p.put("modelCode", d.unit().modelCode());
        if (d.offer() != null) {
            String token = tokens.issue(d.decisionId(), d.unit().gtin(), d.unit().serial(), d.offer(), d.decidedAt());
            p.put("offerToken", token);
            p.put("redeemUrl", publicUrl + "/api/offers/redeem/" + token);
        }
        extraFields.orderedStream().forEach(f -> p.putAll(f.fieldsFor(d)));
        return Optional.of(p);
    }
}
