package io.aftersaleshub.dispatch;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.aftersaleshub.offer.DecisionStatus;
import io.aftersaleshub.offer.OfferDecided;
import io.aftersaleshub.rules.vocabulary.Moment;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * E-mail: an offer goes to owners with an address who gave marketing consent. A registration whose offer
 * the frequency cap withheld still gets its confirmation e-mail, without the offer; a held-out decision
 * gets nothing.
 */
@Component
public class EmailChannel implements ActionChannel {

    public static final String NAME = "email";

    private final ObjectProvider<OfferMailFields> extraFields;

    public EmailChannel(ObjectProvider<OfferMailFields> extraFields) {
        this.extraFields = extraFields;
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
        extraFields.orderedStream().forEach(f -> p.putAll(f.fieldsFor(d)));
        return Optional.of(p);
    }
}
