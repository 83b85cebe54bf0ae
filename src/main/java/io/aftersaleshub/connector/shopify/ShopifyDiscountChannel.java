package io.aftersaleshub.connector.shopify;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.aftersaleshub.dispatch.ActionChannel;
import io.aftersaleshub.dispatch.OfferMailFields;
import io.aftersaleshub.offer.OfferDecided;
import org.springframework.stereotype.Component;

/**
 * Channel {@code shopify-discount}: an offer with an incentive (discount above 0 %) to an owner who receives
 * offer e-mails gets a one-time discount code in the shop, created by route {@code shopify-out-discount}. The
 * same offer's e-mail carries the code and a cart link ({@code discountCode}, {@code cartUrl}). Off while
 * {@code SHOPIFY_SHOP_URL} or {@code SHOPIFY_ADMIN_TOKEN} is unset.
 */
@Component
class ShopifyDiscountChannel implements ActionChannel, OfferMailFields {

    static final String NAME = "shopify-discount";

    private final ShopifyProperties settings;

    ShopifyDiscountChannel(ShopifyProperties settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Map<String, Object>> payloadFor(OfferDecided d) {
        if (!applies(d)) {
            return Optional.empty();
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("decisionId", d.decisionId().toString());
        p.put("code", DiscountCodes.forDecision(d.decisionId()));
        p.put("sku", d.offer().sku());
        p.put("offerName", d.offer().name());
        p.put("discountPercent", d.offer().discountPercent());
        p.put("startsAt", d.decidedAt().toString());
        p.put("expiresAt", d.offer().expiresAt() == null ? null : d.offer().expiresAt().toString());
        p.put("moment", d.moment().name());
        return Optional.of(p);
    }

    @Override
    public Map<String, Object> fieldsFor(OfferDecided d) {
        if (!applies(d)) {
            return Map.of();
        }
        String code = DiscountCodes.forDecision(d.decisionId());
        return Map.of("discountCode", code, "cartUrl", DiscountCodes.cartUrl(settings.storefrontUrl(), code, d.offer().sku()));
    }

    private boolean applies(OfferDecided d) {
        return settings.adminConfigured() && d.offer() != null && d.offer().discountPercent() > 0 && d.owner() != null
                && d.owner().email() != null && d.owner().marketingConsent();
    }
}
