package io.aftersaleshub.dispatch;

import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * Error handling shared by every route, Java or YAML: a failed message is not retried in the route
 * (that would hold a consumer thread); its error is recorded on its action and the exception rolls the
 * JMS transaction back, so the broker redelivers it after its back-off delay and, when the attempts run
 * out, moves it to {@code hub.dead-letter} (see {@link BrokerRedelivery}).
 */
@Component
public class HubErrorHandling extends RouteConfigurationBuilder {

    @Override
    public void configuration() {
        // no id: a route configuration without one applies to every route
        routeConfiguration()
                // the attempt is logged in one line by DeadLetters; no stack trace and message history per redelivery
                .errorHandler(defaultErrorHandler().logExhausted(false))
                .onException(Exception.class)
                .handled(false)
                .bean("deadLetters", "recordAttempt");
    }
}
