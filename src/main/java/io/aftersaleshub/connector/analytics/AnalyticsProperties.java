package io.aftersaleshub.connector.analytics;

import java.time.Duration;

import io.aftersaleshub.dispatch.HttpSinkSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;

/**
 * The collector's batch endpoint ({@code HUB_ANALYTICS_URL}, e.g. {@code https://api.segment.io/v1/batch};
 * unset = no track calls), its write key ({@code HUB_ANALYTICS_WRITE_KEY}, required with a URL; sent as the
 * Basic auth user name) and how often new deliveries are sent ({@code HUB_ANALYTICS_DELIVERIES_PERIOD}).
 */
@ConfigurationProperties("hub.analytics")
public record AnalyticsProperties(String url, String writeKey, Duration deliveriesPeriod) {

    public AnalyticsProperties {
        url = HttpSinkSettings.url(url, "HUB_ANALYTICS_URL", writeKey, "HUB_ANALYTICS_WRITE_KEY");
        deliveriesPeriod = deliveriesPeriod == null ? Duration.ofSeconds(5) : deliveriesPeriod;
    }

    public boolean enabled() {
        return url != null;
    }

    /** Never prints the write key. */
    @Override
    public String toString() {
        return "AnalyticsProperties[url=" + url + ", writeKey=" + (StringUtils.hasText(writeKey) ? "set" : "unset")
                + ", deliveriesPeriod=" + deliveriesPeriod + "]";
    }
}
