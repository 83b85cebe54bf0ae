package io.aftersaleshub.dispatch;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.aftersaleshub.platform.DatabaseUnavailable;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The e-mail sink's step for route {@code email-out-offer}: claims the message's pending actions with one
 * statement, renders each payload with its moment's template, sends them over a kept-open SMTP connection
 * and marks each sent as soon as SMTP has taken it; actions sent already or held by another sender are skipped.
 * Nothing is read but the actions: their payloads are the snapshots.
 */
@Component("emailOfferSink")
public class EmailOfferSink {

    /** How long a sent mail's mark waits for a database that went away. */
    static final Duration MARK_WAIT = Duration.ofMinutes(10);

    private final ActionClaims claims;
    private final OfferMailTemplates templates;
    private final SmtpSender smtp;

    public EmailOfferSink(ActionClaims claims, OfferMailTemplates templates, SmtpSender smtp) {
        this.claims = claims;
        this.templates = templates;
        this.smtp = smtp;
    }

    public void send(Exchange exchange) throws jakarta.mail.MessagingException {
        for (OutboxStore.Claimed action : claims.claim(exchange)) {
            OfferMailTemplates.OfferMail m = templates.render(action.payload());
            smtp.send(String.valueOf(action.payload().get("to")), m.subject(), m.body(), action.idempotencyKey());
            // marked at once, not after the message's whole batch: a crash leaves at most this one mail (per
            // consumer) sent and unmarked, to go out once more (KillMidStreamChaosIT counts them)
            markSent(action.id());
        }
    }

    /**
     * The mail is out: its mark must reach the database even if the database is away for a while (stopped,
     * restarting), or the action would stay claimed by this live process and never be sent or marked. Waits
     * for the database (the message's transaction stays open meanwhile) rather than giving up the mark.
     */
    private void markSent(UUID id) {
        long deadline = System.nanoTime() + MARK_WAIT.toNanos();
        while (true) {
            try {
                claims.sent(List.of(id));
                return;
            } catch (RuntimeException e) {
                if (!DatabaseUnavailable.in(e) || System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
