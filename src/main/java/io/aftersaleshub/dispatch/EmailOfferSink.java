package io.aftersaleshub.dispatch;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The e-mail sink's steps for route {@code email-out-offer}: {@link #prepare} claims a pending action and
 * turns its payload into a mail (or marks the exchange to skip when it is sent or held elsewhere),
 * {@link #markSent} records delivery. Nothing is read but the action: its payload is the snapshot.
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
    private final MailProperties mail;

    public EmailOfferSink(OutboxStore outbox, OfferMailTemplates templates, MailProperties mail) {
        this.outbox = outbox;
        this.templates = templates;
        this.mail = mail;
    }

    public void prepare(Exchange exchange) {
        UUID id = UUID.fromString(exchange.getMessage().getBody(String.class).trim());
        // keep the hub's own headers (hubActionId attributes failures); drop the JMS ones SMTP would send
        exchange.getMessage().removeHeaders("*", "hub*");
        exchange.getMessage().setHeader(Queues.ACTION_ID, id.toString());
        Optional<OutboxStore.Claimed> action = outbox.claim(id, CLAIM);
        if (action.isEmpty()) {
            exchange.getMessage().setHeader(SKIP, true);
            return;
        }
        OfferMailTemplates.OfferMail m = templates.render(action.get().payload());
        exchange.getMessage().setHeader("To", action.get().payload().get("to"));
        exchange.getMessage().setHeader("From", mail.from());
        exchange.getMessage().setHeader("Subject", m.subject());
        exchange.getMessage().setHeader("X-Hub-Idempotency-Key", action.get().idempotencyKey());
        exchange.getMessage().setHeader("Content-Type", "text/plain; charset=UTF-8");
        exchange.getMessage().setBody(m.body());
    }

    public void markSent(Exchange exchange) {
        outbox.markSent(UUID.fromString(exchange.getMessage().getHeader(Queues.ACTION_ID, String.class)));
    }
}
