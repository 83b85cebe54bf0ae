package io.aftersaleshub.access;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rate limits, off by default so that integrations and benchmarks are not throttled: per client address
 * on the public endpoints, and per API key everywhere. Each is a token bucket: {@code perSecond}
 * requests a second on average, bursts of up to {@code burst}.
 */
@ConfigurationProperties("hub.rate-limit")
public record RateLimitProperties(@DefaultValue("false") boolean enabled,
                                  @DefaultValue Limit publicPerAddress,
                                  @DefaultValue Limit perKey) {

    public record Limit(@DefaultValue("10") double perSecond, @DefaultValue("20") int burst) {
    }
}
