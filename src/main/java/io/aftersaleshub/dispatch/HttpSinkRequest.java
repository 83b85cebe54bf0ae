package io.aftersaleshub.dispatch;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The request an HTTP sink makes of one claimed action (the exchange's body): the action's payload as JSON, with
 * the action id as {@code Idempotency-Key} so that the peer treats a repeat (a redelivery after a lost answer) as the
 * same action, and the action named for {@link HttpSinkResponse#settle}. The sink adds its credential.
 */
public final class HttpSinkRequest {

    private HttpSinkRequest() {
    }

    /** Turns the claimed action in the body into its JSON request; returns the body's bytes (e.g. to sign them). */
    public static byte[] ofAction(Exchange exchange, ObjectMapper json) throws JsonProcessingException {
        OutboxStore.Claimed action = exchange.getMessage().getBody(OutboxStore.Claimed.class);
        byte[] body = json.writeValueAsBytes(action.payload());
        Message m = exchange.getMessage();
        m.setBody(body);
        m.setHeader(Exchange.CONTENT_TYPE, "application/json");
        m.setHeader("Idempotency-Key", action.id().toString());
        exchange.setProperty(HttpSinkResponse.CALL_ACTIONS, List.of(action.id()));
        return body;
    }
}
