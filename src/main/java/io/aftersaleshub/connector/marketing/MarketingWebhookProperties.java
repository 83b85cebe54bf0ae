package io.aftersaleshub.connector.marketing;

import io.aftersaleshub.dispatch.HttpSinkSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;

/**
 * Where campaign actions go ({@code HUB_MARKETING_WEBHOOK_URL}; unset = channel off), the HMAC secret they
 * are signed with ({@code HUB_MARKETING_WEBHOOK_SECRET}, required with a URL) and whether the owner's e-mail
 * address travels with them ({@code HUB_MARKETING_WEBHOOK_INCLUDE_EMAIL}, default false).
 */
@ConfigurationProperties("hub.marketing-webhook")
public record MarketingWebhookProperties(String url, String secret, boolean includeEmail) {

    public MarketingWebhookProperties {
        // campaign actions are always signed
        url = HttpSinkSettings.url(url, "HUB_MARKETING_WEBHOOK_URL", secret, "HUB_MARKETING_WEBHOOK_SECRET");
    }

    public boolean enabled() {
        return url != null;
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "MarketingWebhookProperties[url=" + url + ", secret=" + (StringUtils.hasText(secret) ? "set" : "unset")
                + ", includeEmail=" + includeEmail + "]";
    }
}
