package io.aftersaleshub.dispatch;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.UUID;

import io.aftersaleshub.offer.Decision;
import io.aftersaleshub.offer.DecisionStore;
import io.aftersaleshub.offer.Offer;
import io.aftersaleshub.owner.OwnerStore;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The e-mail sink's steps for route {@code email-out-offer}: {@link #prepare} claims a pending action and
 * turns it into a mail (or marks the exchange to skip when it is sent or held elsewhere), {@link #markSent}
 * records delivery. Failures are recorded by {@link DeadLetters}.
 */
@Component("emailOfferSink")
public class EmailOfferSink {

    public static final String SKIP = "hubSkip";
    public static final String ACTION_ID = "hubActionId";
    /**
     * Longer than a send's whole retry budget (5 tries of at most 10 s to connect, plus back-off), so that
     * the republisher never hands a second consumer an action the first is still sending.
     */
    static final Duration CLAIM = Duration.ofMinutes(10);
    private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final OutboxStore outbox;
    private final DecisionStore decisions;
    private final OwnerStore owners;
    private final MailProperties mail;

    public EmailOfferSink(OutboxStore outbox, DecisionStore decisions, OwnerStore owners, MailProperties mail) {
        this.outbox = outbox;
        this.decisions = decisions;
        this.owners = owners;
        this.mail = mail;
    }

    public void prepare(Exchange exchange) {
        UUID id = UUID.fromString(exchange.getMessage().getBody(String.class).trim());
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(ACTION_ID, id.toString());
        Optional<OutboxStore.Action> action = outbox.find(id);
        if (action.isEmpty() || !outbox.claim(id, CLAIM)) {
            exchange.getMessage().setHeader(SKIP, true);
            return;
        }
        Decision d = decisions.find(action.get().decisionId()).orElseThrow();
        OfferMail m = compose(d, d.ownerId() == null ? null : owners.nameOf(d.ownerId()).orElse(null));
        exchange.getMessage().setHeader("To", action.get().recipient());
        exchange.getMessage().setHeader("From", mail.from());
        exchange.getMessage().setHeader("Subject", m.subject());
        exchange.getMessage().setHeader("X-Hub-Idempotency-Key", action.get().idempotencyKey());
        exchange.getMessage().setHeader("Content-Type", "text/plain; charset=UTF-8");
        exchange.getMessage().setBody(m.body());
    }

    public void markSent(Exchange exchange) {
        outbox.markSent(UUID.fromString(exchange.getMessage().getHeader(ACTION_ID, String.class)));
    }

    public record OfferMail(String subject, String body) {
    }

    static OfferMail compose(Decision d, String ownerName) {
        Offer o = d.offer();
        String greeting = ownerName == null || ownerName.isBlank() ? "Hello" : "Hello " + ownerName;
        String price = o.discountPercent() > 0 ? o.discountPercent() + " % off" : "for you";
        String until = o.expiresAt() == null ? "" : " until " + UNTIL.format(o.expiresAt());
        String subject = o.discountPercent() > 0
                ? o.name() + ": " + o.discountPercent() + " % off for you"
                : o.name() + " for you";
        String body = greeting + ",\n\n"
                + "thank you for registering your product. We picked one offer for you:\n\n"
                + "  " + o.name() + " (" + o.sku() + "), " + price + until + ".\n\n"
                + "Offer reference: " + d.decisionId() + "\n\n"
                + "You receive this e-mail because you agreed to hear from us. Reply STOP to unsubscribe.\n";
        return new OfferMail(subject, body);
    }
}
