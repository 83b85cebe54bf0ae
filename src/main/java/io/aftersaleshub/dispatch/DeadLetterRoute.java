package io.aftersaleshub.dispatch;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** Records why a message failed for good, then parks it on the dead-letter queue for an operator. */
@Component
public class DeadLetterRoute extends RouteBuilder {

    @Override
    public void configure() {
        from("direct:record-dead-letter")
                .routeId("hub-out-dead-letter")
                .errorHandler(noErrorHandler())
                .bean("deadLetters", "record")
                .setHeader("hubFailedRoute", exchangeProperty("CamelFailureRouteId"))
                .setHeader("hubError", simple("${exception.class.simpleName}: ${exception.message}"))
                .to("jms:queue:" + Queues.DEAD_LETTER);
    }
}
