package io.aftersaleshub.access;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * {@code HUB_BOOTSTRAP_API_KEY}: when set, a key with that value and every scope exists once the hub has
 * started — how a fresh install, its scripts and its operators get in. Idempotent across restarts; a new
 * value replaces (revokes) the previous bootstrap key.
 */
@Component
class BootstrapApiKey implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(BootstrapApiKey.class);

    private final ApiKeys keys;
    private final AccessProperties properties;

    BootstrapApiKey(ApiKeys keys, AccessProperties properties) {
        this.keys = keys;
        this.properties = properties;
    }

    @Override
    public void afterPropertiesSet() {
        String key = properties.bootstrapApiKey();
        if (key == null || key.isBlank()) {
            log.info("No HUB_BOOTSTRAP_API_KEY: only API keys created before (POST /api/keys) get in");
            return;
        }
        key = key.trim();
        if (key.length() < AccessProperties.MIN_BOOTSTRAP_KEY_LENGTH || key.length() > 200) {
            throw new IllegalArgumentException("HUB_BOOTSTRAP_API_KEY must have " + AccessProperties.MIN_BOOTSTRAP_KEY_LENGTH
                    + " to 200 characters (e.g. openssl rand -hex 32)");
        }
        keys.bootstrap(key);
        log.info("The bootstrap API key (HUB_BOOTSTRAP_API_KEY) has every scope");
    }
}
