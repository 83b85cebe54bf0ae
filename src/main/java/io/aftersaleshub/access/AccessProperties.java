package io.aftersaleshub.access;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who gets in: the bootstrap API key ({@code HUB_BOOTSTRAP_API_KEY}), the people who log in
 * ({@code HUB_USERS}) and the rate limits ({@code hub.rate-limit.*}, off by default).
 */
@ConfigurationProperties("hub.access")
public record AccessProperties(String bootstrapApiKey, String users) {

    /** A bootstrap key shorter than this is refused at start: it would be guessable. */
    static final int MIN_BOOTSTRAP_KEY_LENGTH = 32;
}
