package io.aftersaleshub.connector.analytics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.aftersaleshub.dispatch.ActionChannel;
import io.aftersaleshub.dispatch.OfferPayload;
import io.aftersaleshub.offer.OfferDecided;
import org.springframework.stereotype.Component;

/**
 * Channel {@code analytics}: an "Offer Decided" track call for each decision with an offer, whatever the
 * owner's marketing consent (it is measurement, not contact: the owner is named by the hub's pseudonymous id
 * only). The payload is the call without its messageId, which is the action's id, set when it is sent.
 */
@Component
class AnalyticsChannel implements ActionChannel {

    static final String NAME = "analytics";

    private final AnalyticsProperties settings;

    AnalyticsChannel(AnalyticsProperties settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Map<String, Object>> payloadFor(OfferDecided d) {
        if (!settings.enabled() || d.offer() == null) {
            return Optional.empty();
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("decisionId", d.decisionId().toString());
        properties.put("moment", d.moment().name());
        properties.putAll(OfferPayload.offer(d));
        properties.putAll(OfferPayload.unit(d));
        return Optional.of(TrackCall.of("Offer Decided", d.owner() == null ? null : d.owner().ownerId().toString(),
                d.unit().gtin() + "/" + d.unit().serial(), d.decidedAt(), properties));
    }
}
