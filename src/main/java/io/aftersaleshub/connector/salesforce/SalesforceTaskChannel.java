package io.aftersaleshub.connector.salesforce;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.aftersaleshub.dispatch.ActionChannel;
import io.aftersaleshub.offer.OfferDecided;
import org.springframework.stereotype.Component;

/**
 * Channel {@code salesforce-task}: each offer delivered to an owner (marketing consent, an e-mail address) is logged as a completed
 * Task on the Contact with that address, by route {@code salesforce-out-task}. Off unless Salesforce is configured
 * and {@code HUB_SALESFORCE_TASKS=true}.
 */
@Component
class SalesforceTaskChannel implements ActionChannel {

    static final String NAME = "salesforce-task";

    private final SalesforceProperties settings;

    SalesforceTaskChannel(SalesforceProperties settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Map<String, Object>> payloadFor(OfferDecided d) {
        if (!settings.configured() || !settings.tasks() || d.offer() == null || d.owner() == null || d.owner().email() == null
                || !d.owner().marketingConsent()) {
            return Optional.empty();
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("decisionId", d.decisionId().toString());
        p.put("email", d.owner().email());
        p.put("moment", d.moment().name());
        p.put("sku", d.offer().sku());
        p.put("offerName", d.offer().name());
        p.put("discountPercent", d.offer().discountPercent());
        p.put("gtin", d.unit() == null ? null : d.unit().gtin());
        p.put("serial", d.unit() == null ? null : d.unit().serial());
        p.put("decidedAt", d.decidedAt().toString());
        return Optional.of(p);
    }
}
