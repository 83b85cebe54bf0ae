package io.aftersaleshub.connector.shopify;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;

/**
 * The shop's settings, from the environment: the webhook secrets ({@code SHOPIFY_WEBHOOK_SECRET}, comma-separated
 * so that a rotated secret keeps working), the Admin API's shop URL, token and version, and the storefront
 * URL of cart links. Without a shop URL and token no discount codes are made.
 */
@ConfigurationProperties("hub.shopify")
public record ShopifyProperties(List<String> webhookSecrets, String shopUrl, String adminToken, String apiVersion,
                                Duration adminTimeout, String storefrontUrl) {

    public ShopifyProperties {
        webhookSecrets = webhookSecrets == null ? List.of()
                : webhookSecrets.stream().map(String::trim).filter(StringUtils::hasText).toList();
        shopUrl = normalize(shopUrl);
        storefrontUrl = StringUtils.hasText(storefrontUrl) ? normalize(storefrontUrl) : shopUrl;
        apiVersion = StringUtils.hasText(apiVersion) ? apiVersion.trim() : "2024-10";
        adminTimeout = adminTimeout == null ? Duration.ofSeconds(10) : adminTimeout;
    }

    /** Whether discount codes can be created: shop URL and Admin API token are both set. */
    public boolean adminConfigured() {
        return shopUrl != null && StringUtils.hasText(adminToken);
    }

    private static String normalize(String url) {
        if (!StringUtils.hasText(url)) {
            return null;
        }
        String u = url.trim();
        if (!u.startsWith("http://") && !u.startsWith("https://")) {
            u = "https://" + u;
        }
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }

    /** Never prints the secrets or the token. */
    @Override
    public String toString() {
        return "ShopifyProperties[webhookSecrets=" + webhookSecrets.size() + " set, shopUrl=" + shopUrl
                + ", adminToken=" + (StringUtils.hasText(adminToken) ? "set" : "unset") + ", apiVersion=" + apiVersion
                + ", adminTimeout=" + adminTimeout + ", storefrontUrl=" + storefrontUrl + "]";
    }
}
