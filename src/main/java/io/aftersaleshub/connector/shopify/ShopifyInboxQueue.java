package io.aftersaleshub.connector.shopify;

import io.aftersaleshub.dispatch.DispatchProperties;
import io.aftersaleshub.dispatch.Queues;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The inbox queue is redelivered like the action queues (same back-off and attempts, then {@code hub.dead-letter});
 * an external Artemis needs the same address settings for {@code hub.inbox.#}.
 */
@Configuration(proxyBeanMethods = false)
class ShopifyInboxQueue {

    @Bean
    ArtemisConfigurationCustomizer shopifyInboxAddressSettings(DispatchProperties settings) {
        return configuration -> configuration.addAddressSetting("hub.inbox.#", new AddressSettings()
                .setDeadLetterAddress(SimpleString.of(Queues.DEAD_LETTER))
                .setMaxDeliveryAttempts(settings.maxRedeliveries() + 1)
                .setRedeliveryDelay(settings.redeliveryDelay().toMillis())
                .setRedeliveryMultiplier(2.0)
                .setMaxRedeliveryDelay(settings.maxRedeliveryDelay().toMillis())
                .setAutoCreateDeadLetterResources(false));
    }
}
