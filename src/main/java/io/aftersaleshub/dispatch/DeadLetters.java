package io.aftersaleshub.dispatch;

import java.util.UUID;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Records in PostgreSQL what happened to an action's message, attributed by its {@code hubActionId}
 * header (never by route id): each failed attempt keeps its error and releases the claim for the broker's
 * redelivery; a message the broker gave up on (moved to {@code hub.dead-letter}) marks its action FAILED.
 */
@Component("deadLetters")
public class DeadLetters {

    private final OutboxStore outbox;

    public DeadLetters(OutboxStore outbox) {
        this.outbox = outbox;
    }

    /** One attempt failed; the broker redelivers after its back-off delay. */
    public void recordAttempt(Exchange exchange) {
        UUID id = actionId(exchange);
        if (id != null) {
            Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            if (e == null) {
                e = exchange.getException();
            }
            outbox.recordAttempt(id, describe(e));
        }
    }

    /** The broker gave up on the message: the action is parked as FAILED for an operator. */
    public void recordDead(Exchange exchange) {
        UUID id = actionId(exchange);
        if (id != null) {
            outbox.markFailed(id, null);
        }
    }

    static String describe(Exception e) {
        return e == null ? "unknown error" : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static UUID actionId(Exchange exchange) {
        String header = exchange.getMessage().getHeader(Queues.ACTION_ID, String.class);
        if (header == null) {
            return null; // a foreign message: nothing of ours to record
        }
        try {
            return UUID.fromString(header.trim());
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }
}
