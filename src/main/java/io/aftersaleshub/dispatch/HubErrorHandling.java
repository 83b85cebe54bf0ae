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

    @Override
    public void configuration() {
        routeConfiguration("hub-error-handling")
                .errorHandler(deadLetterChannel("direct:record-dead-letter")
                        .useOriginalMessage()
                        .maximumRedeliveries(4)
                        .redeliveryDelay(500)
                        .useExponentialBackOff()
                        .backOffMultiplier(2)
                        .maximumRedeliveryDelay(10_000)
                        .retryAttemptedLogLevel(LoggingLevel.WARN)
                        .logExhausted(true));
    }
}
