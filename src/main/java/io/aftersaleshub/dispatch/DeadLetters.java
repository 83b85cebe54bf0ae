package io.aftersaleshub.dispatch;

import java.util.List;
import java.util.UUID;

import io.aftersaleshub.platform.PersonalDataMask;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Records in PostgreSQL what happened to an action message, attributed by its {@code hubActionIds}
 * header (never by route id): each failed attempt keeps its error on the message's actions that are still
 * pending and releases their claims for the broker's redelivery; a message the broker gave up on (moved to
 * {@code hub.dead-letter}) marks its pending actions FAILED. Actions of the message already sent stay sent.
 */
@Component("deadLetters")
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final OutboxStore outbox;

    public DeadLetters(OutboxStore outbox) {
        this.outbox = outbox;
    }

    /** One attempt failed; the broker redelivers after its back-off delay. */
    public void recordAttempt(Exchange exchange) {
        List<UUID> ids = actionIds(exchange);
        if (!ids.isEmpty()) {
            Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            if (e == null) {
                e = exchange.getException();
            }
            String error = describe(e);
            outbox.recordAttempt(ids, error);
            // one line per failed attempt; the JMS listener's own stack trace is turned down in application.yml
            log.warn("Sending {} action(s) of channel {} failed, the broker redelivers: {}", ids.size(),
                    exchange.getMessage().getHeader(Queues.CHANNEL), error);
        }
    }

    /** The broker gave up on the message: the action is parked as FAILED for an operator. */
    public void recordDead(Exchange exchange) {
        List<UUID> ids = actionIds(exchange);
        if (!ids.isEmpty()) {
            outbox.markFailed(ids, null);
        }
    }

    /**
     * Actions a peer refused for good (say, an HTTP 400): no redelivery would change the answer, so they are
     * parked as FAILED now, with the error, for an operator to fix and replay.
     */
    public void deadNow(List<UUID> ids, String channel, String error) {
        if (!ids.isEmpty()) {
            String masked = PersonalDataMask.emails(error);
            outbox.markFailed(ids, masked);
            log.warn("Sending {} action(s) of channel {} was refused, not retried; see GET /api/ops/failures: {}",
                    ids.size(), channel, masked);
        }
    }

    /**
     * The error and its causes in one line ("SendFailedException: Invalid Addresses; SMTPAddressFailedException:
     * 550 5.1.1 &lt;e-mail&gt;: Recipient address rejected"). An SMTP refusal names the recipient: the text is
     * kept and logged with e-mail addresses masked.
     */
    static String describe(Exception e) {
        if (e == null) {
            return "unknown error";
        }
        StringBuilder out = new StringBuilder();
        Throwable t = e;
        for (int depth = 0; t != null && depth < 4; depth++) {
            out.append(depth == 0 ? "" : "; ").append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
            Throwable next = t instanceof jakarta.mail.MessagingException m && m.getNextException() != null
                    ? m.getNextException() : t.getCause();
            t = next == t ? null : next;
        }
        return PersonalDataMask.emails(out.toString().strip());
    }

    /** The message's action ids (its header) and those the exchange claimed (kept when a step replaced the message). */
    private static List<UUID> actionIds(Exchange exchange) {
        java.util.Set<UUID> ids = new java.util.LinkedHashSet<>();
        String header = exchange.getMessage().getHeader(Queues.ACTION_IDS, String.class);
        try {
            ids.addAll(Queues.ids(header)); // no header: a foreign message, nothing of ours to record
        } catch (IllegalArgumentException notIds) {
            // not ours
        }
        List<?> claimed = exchange.getProperty(ActionClaims.CLAIMED, List.class);
        if (claimed != null) {
            claimed.stream().filter(UUID.class::isInstance).map(UUID.class::cast).forEach(ids::add);
        }
        return List.copyOf(ids);
    }
}
