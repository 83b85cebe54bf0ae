package io.aftersaleshub.dispatch;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** Messages the broker gave up on (after its redeliveries) arrive here; their actions are parked as FAILED. */
@Component
public class DeadLetterRoute extends RouteBuilder {

    @Override
    public void configure() {
        from("jms:queue:" + Queues.DEAD_LETTER + "?transacted=true&cacheLevelName=CACHE_CONSUMER")
                .routeId("hub-in-dead-letters")
                .bean("deadLetters", "recordDead")
                .log("Actions ${header." + Queues.ACTION_IDS + "} of channel ${header." + Queues.CHANNEL
                        + "} failed for good; see GET /api/ops/failures");
    }
}
