package io.aftersaleshub.connector.shopify;

import java.time.Duration;

import io.aftersaleshub.dispatch.Queues;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Shopify in: route {@code shopify-in-webhook} processes each stored delivery from queue {@code hub.inbox.shopify}
 * (transacted: a failure rolls the message back and the broker redelivers it with back-off, through the hub's
 * shared error handling); route {@code shopify-in-sweep} processes deliveries whose queue message was lost.
 */
@Component
class ShopifyInboxRoutes extends RouteBuilder {

    private static final Logger log = LoggerFactory.getLogger(ShopifyInboxRoutes.class);

    static final String QUEUE = Queues.INBOX_PREFIX + "shopify";
    static final String QUEUE_URI = "jms:queue:" + QUEUE;

    private final ShopifyInbox inbox;
    private final ShopifyWebhookProcessor processor;
    private final Duration after;

    ShopifyInboxRoutes(ShopifyInbox inbox, ShopifyWebhookProcessor processor,
                       @Value("${hub.outbox.republish-after}") Duration after) {
        this.inbox = inbox;
        this.processor = processor;
        this.after = after;
    }

    @Override
    public void configure() {
        from(QUEUE_URI + "?transacted=true&cacheLevelName=CACHE_CONSUMER&concurrentConsumers=2")
                .routeId("shopify-in-webhook")
                .bean("shopifyWebhooks", "process");

        from("timer:shopify-sweep?period={{hub.shopify.sweep-period:10000}}&delay=5000")
                .routeId("shopify-in-sweep")
                // a failed round is logged and tried again next period
                .errorHandler(defaultErrorHandler())
                .process(exchange -> sweep());
    }

    private void sweep() {
        for (Long id : inbox.waiting(after, 100)) {
            try {
                processor.handle(id);
            } catch (RuntimeException e) {
                log.warn("Shopify delivery {} failed in the sweep: {}", id, e.toString());
            }
        }
    }
}
