package io.aftersaleshub.dispatch;

import io.aftersaleshub.platform.DataDirSecret;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The link signing key comes from HUB_LINK_KEY, or (embedded default) {@code HUB_DATA_DIR/link.key}. */
@Configuration(proxyBeanMethods = false)
class OfferLinksConfiguration {

    @Bean
    OfferLinks offerLinks(LinkProperties settings, Environment env) {
        return new OfferLinks(settings, DataDirSecret.resolve("HUB_LINK_KEY", settings.key(), env, "link.key"));
    }
}
