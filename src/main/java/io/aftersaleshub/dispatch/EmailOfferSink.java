package io.aftersaleshub.dispatch;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The e-mail sink's step for route {@code email-out-offer}: claims a pending action, renders its payload
 * with the moment's template, sends it over a kept-open SMTP connection and marks it sent; an action that
 * is sent already or held by another sender is skipped. Nothing is read but the action: its payload is
 * the snapshot.
 */
@Component("emailOfferSink")
public class EmailOfferSink {

    public static final String SKIP = "hubSkip";
    /**
     * Longer than one send (at most 10 s to connect); a sender that died mid-send leaves its claim to run
     * out, and the republisher then publishes the action again.
     */
    static final Duration CLAIM = Duration.ofMinutes(2);

    private final OutboxStore outbox;
    private final OfferMailTemplates templates;
    private final SmtpSender smtp;

    public EmailOfferSink(OutboxStore outbox, OfferMailTemplates templates, SmtpSender smtp) {
        this.outbox = outbox;
        this.templates = templates;
        this.smtp = smtp;
    }

    public void send(Exchange exchange) throws jakarta.mail.MessagingException {
        UUID id = UUID.fromString(exchange.getMessage().getBody(String.class).trim());
        exchange.getMessage().setHeader(Queues.ACTION_ID, id.toString());
        Optional<OutboxStore.Claimed> action = outbox.claim(id, CLAIM);
        if (action.isEmpty()) {
            exchange.getMessage().setHeader(SKIP, true);
            return;
        }
        OfferMailTemplates.OfferMail m = templates.render(action.get().payload());
        smtp.send(String.valueOf(action.get().payload().get("to")), m.subject(), m.body(), action.get().idempotencyKey());
        outbox.markSent(id);
    }
}
