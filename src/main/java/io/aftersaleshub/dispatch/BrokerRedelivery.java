package io.aftersaleshub.dispatch;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Redelivery lives in the broker: a rolled-back action message comes back after a delay that doubles
 * each time (action queues {@code hub.actions.#} and connectors' inbox queues
 * {@code hub.inbox.#}), and after {@code max-redeliveries} it moves to {@code hub.dead-letter}; meanwhile the
 * consumer threads serve other messages. For the embedded broker these address settings are applied
 * here; an external Artemis needs the same in its broker.xml (see connectors/README.md).
 */
@Configuration(proxyBeanMethods = false)
public class BrokerRedelivery {

    @Bean
    ArtemisConfigurationCustomizer hubAddressSettings(DispatchProperties settings) {
        AddressSettings redelivered = new AddressSettings()
                .setDeadLetterAddress(SimpleString.of(Queues.DEAD_LETTER))
                .setMaxDeliveryAttempts(settings.maxRedeliveries() + 1)
                .setRedeliveryDelay(settings.redeliveryDelay().toMillis())
                .setRedeliveryMultiplier(2.0)
                .setMaxRedeliveryDelay(settings.maxRedeliveryDelay().toMillis())
                .setAutoCreateDeadLetterResources(false);
        return configuration -> {
            configuration.addAddressSetting(Queues.ACTIONS_PREFIX + "#", redelivered);
            // inbound deliveries stored by a connector (e.g. hub.inbox.shopify) are redelivered the same way
            configuration.addAddressSetting(Queues.INBOX_PREFIX + "#", redelivered);
        };
    }
}
