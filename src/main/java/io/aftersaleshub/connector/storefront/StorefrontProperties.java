package io.aftersaleshub.connector.storefront;

import io.aftersaleshub.dispatch.HttpSinkSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;

/**
 * Where the customer's offer is pushed ({@code HUB_STOREFRONT_PUSH_URL}; unset = channel off, the default) and the
 * bearer token the storefront's endpoint takes ({@code HUB_STOREFRONT_PUSH_TOKEN}, required with a URL).
 */
@ConfigurationProperties("hub.storefront")
public record StorefrontProperties(String pushUrl, String pushToken) {

    public StorefrontProperties {
        pushUrl = HttpSinkSettings.url(pushUrl, "HUB_STOREFRONT_PUSH_URL", pushToken, "HUB_STOREFRONT_PUSH_TOKEN");
    }

    public boolean enabled() {
        return pushUrl != null;
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "StorefrontProperties[pushUrl=" + pushUrl + ", pushToken=" + (StringUtils.hasText(pushToken) ? "set" : "unset") + "]";
    }
}
