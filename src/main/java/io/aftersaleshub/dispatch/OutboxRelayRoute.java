package io.aftersaleshub.dispatch;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** Every few seconds, publishes again the actions whose queue message is missing. */
@Component
public class OutboxRelayRoute extends RouteBuilder {

    @Override
    public void configure() {
        from("timer:outbox-relay?period={{hub.outbox.relay-period:10000}}&delay=5000")
                .routeId("hub-out-outbox-relay")
                // a failed round is logged and simply tried again next period, never dead-lettered
                .errorHandler(defaultErrorHandler())
                .bean("staleActionRepublisher", "republish");
    }
}
