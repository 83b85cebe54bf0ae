package io.aftersaleshub.connector.storefront;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftersaleshub.dispatch.HttpSinkRequest;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * A step of route {@code storefront-out-offer}: turns one claimed action into its HTTP request ({@link HttpSinkRequest}:
 * JSON, {@code Idempotency-Key}) with the storefront's bearer token.
 */
@Component("storefrontPushCall")
public class StorefrontPushCall {

    private final StorefrontProperties settings;
    private final ObjectMapper json;

    StorefrontPushCall(StorefrontProperties settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
    }

    public void prepare(Exchange exchange) throws JsonProcessingException {
        if (!settings.enabled()) {
            throw new IllegalStateException("HUB_STOREFRONT_PUSH_URL is not set: the offer cannot be pushed");
        }
        HttpSinkRequest.ofAction(exchange, json);
        exchange.getMessage().setHeader("Authorization", "Bearer " + settings.pushToken());
    }
}
