package io.aftersaleshub.dispatch;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * Error handling shared by every route, Java or YAML: retries with exponential back-off, then the
 * original message goes to the dead-letter route, which records it and parks it on {@code hub.dead-letter}.
 */
@Component
public class HubErrorHandling extends RouteConfigurationBuilder {

    private final DispatchProperties settings;

    public HubErrorHandling(DispatchProperties settings) {
        this.settings = settings;
    }

    @Override
    public void configuration() {
        // no id: a route configuration without one applies to every route
        routeConfiguration()
                .errorHandler(deadLetterChannel("direct:record-dead-letter")
                        .useOriginalMessage()
                        .maximumRedeliveries(settings.maxRedeliveries())
                        .redeliveryDelay(settings.redeliveryDelay().toMillis())
                        .useExponentialBackOff()
                        .backOffMultiplier(2)
                        .maximumRedeliveryDelay(10_000)
                        .retryAttemptedLogLevel(LoggingLevel.WARN)
                        .logExhausted(true));
    }
}
