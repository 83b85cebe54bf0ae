package io.aftersaleshub.connector.marketing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.aftersaleshub.dispatch.ActionChannel;
import io.aftersaleshub.offer.OfferDecided;
import org.springframework.stereotype.Component;

/**
 * Channel {@code marketing-webhook}: a campaign action for each decision with an offer to an owner who gave
 * marketing consent (a campaign tool contacts people, so the consent e-mail needs applies here too). The
 * payload is the JSON the peer receives; the owner's e-mail address is in it only when configured.
 */
@Component
class MarketingWebhookChannel implements ActionChannel {

    static final String NAME = "marketing-webhook";

    private final MarketingWebhookProperties settings;

    MarketingWebhookChannel(MarketingWebhookProperties settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Map<String, Object>> payloadFor(OfferDecided d) {
        if (!settings.enabled() || d.offer() == null || d.owner() == null || !d.owner().marketingConsent()) {
            return Optional.empty();
        }
        Map<String, Object> offer = new LinkedHashMap<>();
        offer.put("sku", d.offer().sku());
        offer.put("name", d.offer().name());
        offer.put("type", d.offer().type().name());
        offer.put("discountPercent", d.offer().discountPercent());
        offer.put("expiresAt", d.offer().expiresAt() == null ? null : d.offer().expiresAt().toString());
        Map<String, Object> owner = new LinkedHashMap<>();
        owner.put("id", d.owner().ownerId().toString());
        owner.put("locale", d.owner().locale());
        owner.put("country", d.owner().country());
        if (settings.includeEmail()) {
            owner.put("email", d.owner().email());
        }
        Map<String, Object> unit = new LinkedHashMap<>();
        unit.put("gtin", d.unit().gtin());
        unit.put("serial", d.unit().serial());
        unit.put("model", d.unit().modelCode());
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("decisionId", d.decisionId().toString());
        p.put("moment", d.moment().name());
        p.put("offer", offer);
        p.put("owner", owner);
        p.put("unit", unit);
        p.put("decidedAt", d.decidedAt().toString());
        return Optional.of(p);
    }
}
