package io.aftersaleshub.event;

import io.aftersaleshub.dispatch.Queues;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** Events from the durable queue to the decide step; the JMS transaction commits after the decision does. */
@Component
public class EventConsumerRoute extends RouteBuilder {

    @Override
    public void configure() {
        from("jms:queue:" + Queues.EVENTS + "?concurrentConsumers={{hub.events.consumers}}&transacted=true&cacheLevelName=CACHE_CONSUMER")
                .routeId("hub-in-events")
                .bean("decisionService", "decideEvent(${body})");
    }
}
