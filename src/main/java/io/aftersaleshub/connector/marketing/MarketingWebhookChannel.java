package io.aftersaleshub.connector.marketing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.aftersaleshub.dispatch.ActionChannel;
import io.aftersaleshub.dispatch.OfferPayload;
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
        Map<String, Object> owner = new LinkedHashMap<>();
        owner.put("id", d.owner().ownerId().toString());
        owner.put("locale", d.owner().locale());
        owner.put("country", d.owner().country());
        if (settings.includeEmail()) {
            owner.put("email", d.owner().email());
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("decisionId", d.decisionId().toString());
        p.put("moment", d.moment().name());
        p.put("offer", OfferPayload.offer(d));
        p.put("owner", owner);
        p.put("unit", OfferPayload.unit(d));
        p.put("decidedAt", d.decidedAt().toString());
        return Optional.of(p);
    }
}
