package io.aftersaleshub.dispatch;

import java.util.UUID;

import io.aftersaleshub.event.EventStore;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Records in PostgreSQL what the dead-letter route is about to park: an e-mail action becomes FAILED, an
 * event FAILED (so that the republisher leaves it alone), each with the error an operator needs.
 */
@Component("deadLetters")
public class DeadLetters {

    static final String EMAIL_ROUTE = "email-out-offer";
    static final String EVENT_ROUTE = "hub-in-events";

    private final OutboxStore outbox;
    private final EventStore events;

    public DeadLetters(OutboxStore outbox, EventStore events) {
        this.outbox = outbox;
        this.events = events;
    }

    /** The exchange carries the original message: the action or event id that could not be handled. */
    public void record(Exchange exchange) {
        String route = exchange.getProperty(Exchange.FAILURE_ROUTE_ID, String.class);
        String body = exchange.getMessage().getBody(String.class);
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String error = e == null ? "unknown error" : e.getClass().getSimpleName() + ": " + e.getMessage();
        UUID id;
        try {
            id = UUID.fromString(body == null ? "" : body.trim());
        } catch (IllegalArgumentException notAnId) {
            return; // a foreign message; it is parked as it is
        }
        if (EMAIL_ROUTE.equals(route)) {
            outbox.markFailed(id, error);
        } else if (EVENT_ROUTE.equals(route)) {
            events.markFailed(id, error);
        }
    }
}
