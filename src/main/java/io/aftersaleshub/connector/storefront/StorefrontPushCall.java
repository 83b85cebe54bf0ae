package io.aftersaleshub.connector.storefront;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftersaleshub.dispatch.HttpSinkResponse;
import io.aftersaleshub.dispatch.OutboxStore;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * A step of route {@code storefront-out-offer}: turns one claimed action into its HTTP request — the payload as
 * JSON, the bearer token, and the action id as {@code Idempotency-Key}, so that the shop treats a repeat (a
 * redelivery after a lost answer) as the same offer.
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
        OutboxStore.Claimed action = exchange.getMessage().getBody(OutboxStore.Claimed.class);
        if (!settings.enabled()) {
            throw new IllegalStateException("HUB_STOREFRONT_PUSH_URL is not set: the offer cannot be pushed");
        }
        Message m = exchange.getMessage();
        m.setBody(json.writeValueAsBytes(action.payload()));
        m.setHeader(Exchange.CONTENT_TYPE, "application/json");
        m.setHeader("Authorization", "Bearer " + settings.pushToken());
        m.setHeader("Idempotency-Key", action.id().toString());
        exchange.setProperty(HttpSinkResponse.CALL_ACTIONS, List.of(action.id()));
    }
}
