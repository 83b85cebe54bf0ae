package io.aftersaleshub.connector.shopify;

import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftersaleshub.platform.Problems;
import io.aftersaleshub.platform.RequestRejectedException;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/shopify}: verifies the signature over the raw bytes before anything else (401 and
 * nothing stored when it is missing or wrong), stores the delivery once by its event id and answers 200 at
 * once; route {@code shopify-in-webhook} processes it from queue {@code hub.inbox.shopify}. Spring MVC hands
 * over the body as the exact bytes received (no charset conversion, no parsing), which the signature needs.
 */
@RestController
class ShopifyWebhookController {

    static final String HMAC = "X-Shopify-Hmac-Sha256";
    static final String TOPIC = "X-Shopify-Topic";
    static final String EVENT_ID = "X-Shopify-Event-Id";
    static final String WEBHOOK_ID = "X-Shopify-Webhook-Id";
    static final String SHOP = "X-Shopify-Shop-Domain";

    private static final Logger log = LoggerFactory.getLogger(ShopifyWebhookController.class);

    private final ShopifyProperties settings;
    private final ShopifyInbox inbox;
    private final ProducerTemplate producer;
    private final ObjectMapper json;

    ShopifyWebhookController(ShopifyProperties settings, ShopifyInbox inbox, ProducerTemplate producer, ObjectMapper json) {
        this.settings = settings;
        this.inbox = inbox;
        this.producer = producer;
        this.json = json;
    }

    /** Read strictly, as every request body (no trailing text, no duplicate keys, valid UTF-8, bounded nesting). */
    private boolean isJsonObject(byte[] body) {
        try {
            return json.readTree(body) instanceof com.fasterxml.jackson.databind.node.ObjectNode;
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    @PostMapping(path = "/webhooks/shopify", consumes = MediaType.ALL_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> receive(@RequestBody(required = false) byte[] body, @RequestHeader HttpHeaders headers) {
        // HttpHeaders looks names up in any case
        String signature = headers.getFirst(HMAC);
        if (!StringUtils.hasText(signature)) {
            throw RequestRejectedException.of(HttpStatus.UNAUTHORIZED, HMAC, "is missing");
        }
        if (settings.webhookSecrets().isEmpty()) {
            throw RequestRejectedException.of(HttpStatus.UNAUTHORIZED, HMAC, "cannot be verified: SHOPIFY_WEBHOOK_SECRET is not set");
        }
        if (!WebhookSignature.valid(body, signature, settings.webhookSecrets())) {
            throw RequestRejectedException.of(HttpStatus.UNAUTHORIZED, HMAC, "does not match the body");
        }
        String topic = headers.getFirst(TOPIC);
        String deliveryId = Optional.ofNullable(headers.getFirst(EVENT_ID)).filter(StringUtils::hasText)
                .orElse(headers.getFirst(WEBHOOK_ID));
        if (!StringUtils.hasText(topic) || !StringUtils.hasText(deliveryId) || body == null || body.length == 0) {
            Problems p = new Problems();
            p.require(TOPIC, topic);
            if (!StringUtils.hasText(deliveryId)) {
                p.add(EVENT_ID, "is required (or " + WEBHOOK_ID + ")");
            }
            if (body == null || body.length == 0) {
                p.add("body", "is required");
            }
            p.throwIfAny();
        }
        Problems tooLong = new Problems();
        tooLong.maxLength(TOPIC, topic, 100);
        tooLong.maxLength(EVENT_ID, deliveryId, 200);
        if (!isJsonObject(body)) {
            // signed, but nothing the processing could read: refused now rather than stored and failed later
            tooLong.add("body", "is not a JSON object");
        }
        tooLong.throwIfAny();
        Optional<Long> id = inbox.store(deliveryId.trim(), topic.trim(), headers.getFirst(SHOP), body);
        if (id.isEmpty()) {
            return Map.of("deliveryId", deliveryId, "status", "duplicate");
        }
        try {
            producer.sendBody(ShopifyInboxRoutes.QUEUE_URI, String.valueOf(id.get()));
        } catch (RuntimeException e) {
            // stored: the sweep processes it a little later
            log.warn("Shopify delivery {} stored but not queued ({}); it is processed by the next sweep", id.get(), e.toString());
        }
        return Map.of("deliveryId", deliveryId, "status", "accepted");
    }
}
