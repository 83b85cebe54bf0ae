package io.aftersaleshub.offer;

import java.nio.file.Path;

import io.aftersaleshub.platform.DataDirSecret;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Where the offer token key comes from: {@code HUB_OFFER_TOKEN_KEY} (at least 32 characters, e.g.
 * {@code openssl rand -base64 32}). The embedded default, when it is unset, makes a random key once and
 * keeps it in {@code HUB_DATA_DIR/offer-token.key}, readable by the owner only, so tokens survive a
 * restart. With an external database (production, as {@code HubEnvironment} tells them apart) the hub
 * refuses to start without the variable: a key made on one node would not verify on another.
 */
@Configuration(proxyBeanMethods = false)
class OfferTokenKey {

    static final String FILE = "offer-token.key";

    @Bean
    OfferTokens offerTokens(OfferApiSettings settings, Environment env, @Value("${hub.data-dir}") String dataDir) {
        boolean embedded = !StringUtils.hasText(env.getProperty("spring.datasource.url"));
        return new OfferTokens(resolve(settings.tokenKey(), embedded, Path.of(dataDir)), settings.tokenValidity());
    }

    static byte[] resolve(String configured, boolean embedded, Path dataDir) {
        return DataDirSecret.resolve("HUB_OFFER_TOKEN_KEY", configured, embedded, dataDir.resolve(FILE));
    }
}
