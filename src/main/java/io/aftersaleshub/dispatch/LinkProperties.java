package io.aftersaleshub.dispatch;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Links in offer e-mails: {@code publicUrl} is where owners reach the hub ({@code /r/…} click links,
 * {@code /unsubscribe/…}); {@code target} is where a click leads, {@code {sku}} replaced by the offer's SKU;
 * {@code key} signs unsubscribe links (HUB_LINK_KEY).
 */
@ConfigurationProperties("hub.links")
public record LinkProperties(String publicUrl, String target, String key) {
}
