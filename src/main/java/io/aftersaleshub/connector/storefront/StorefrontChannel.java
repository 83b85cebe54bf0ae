package io.aftersaleshub.connector.storefront;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.aftersaleshub.dispatch.ActionChannel;
import io.aftersaleshub.dispatch.OfferMailFields;
import io.aftersaleshub.dispatch.OfferPayload;
import io.aftersaleshub.offer.OfferDecided;
import io.aftersaleshub.offer.OfferTokens;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Channel {@code storefront}: the customer's offer pushed to the shop, so that it shows the offer to the customer
 * when they sign in — for each decision with an offer to an owner with an e-mail address (the shop's customer key)
 * who gave marketing consent (a personal offer is marketing). With the signed offer token the shop can redeem it
 * ({@code /api/offers/redeem/<token>}), and with a shop connector's discount code and cart link when there is one
 * ({@code discountCode}, {@code cartUrl}). Off unless {@code HUB_STOREFRONT_PUSH_URL} is set.
 */
@Component
class StorefrontChannel implements ActionChannel {

    static final String NAME = "storefront";

    private final StorefrontProperties settings;
    private final OfferTokens tokens;
    private final ObjectProvider<OfferMailFields> extraFields;

    StorefrontChannel(StorefrontProperties settings, OfferTokens tokens, ObjectProvider<OfferMailFields> extraFields) {
        this.settings = settings;
        this.tokens = tokens;
        this.extraFields = extraFields;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Map<String, Object>> payloadFor(OfferDecided d) {
        if (!settings.enabled() || d.offer() == null || d.owner() == null || d.owner().email() == null
                || !d.owner().marketingConsent()) {
            return Optional.empty();
        }
        Map<String, Object> offer = OfferPayload.offer(d);
        offer.put("offerToken", tokens.issue(d.decisionId(), d.unit().gtin(), d.unit().serial(), d.offer(), d.decidedAt()));
        extraFields.orderedStream().forEach(f -> offer.putAll(f.fieldsFor(d)));
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("ownerId", d.owner().ownerId().toString());
        customer.put("locale", d.owner().locale());
        customer.put("country", d.owner().country());
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("decisionId", d.decisionId().toString());
        p.put("moment", d.moment().name());
        // at the top level, where the owner's export and erasure find an address in a payload
        p.put("customerEmail", d.owner().email());
        p.put("customer", customer);
        p.put("offer", offer);
        p.put("unit", OfferPayload.unit(d));
        p.put("decidedAt", d.decidedAt().toString());
        return Optional.of(p);
    }
}
