package io.aftersaleshub.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The e-mail sink's step for route {@code email-out-offer}: claims the message's pending actions with one
 * statement, renders each payload with its moment's template, sends them over a kept-open SMTP connection
 * and marks them sent with one statement; actions sent already or held by another sender are skipped.
 * Nothing is read but the actions: their payloads are the snapshots.
 */
@Component("emailOfferSink")
public class EmailOfferSink {

    private final ActionClaims claims;
    private final OfferMailTemplates templates;
    private final SmtpSender smtp;

    public EmailOfferSink(ActionClaims claims, OfferMailTemplates templates, SmtpSender smtp) {
        this.claims = claims;
        this.templates = templates;
        this.smtp = smtp;
    }

    public void send(Exchange exchange) throws jakarta.mail.MessagingException {
        List<OutboxStore.Claimed> claimed = claims.claim(exchange);
        List<UUID> sent = new ArrayList<>(claimed.size());
        try {
            for (OutboxStore.Claimed action : claimed) {
                OfferMailTemplates.OfferMail m = templates.render(action.payload());
                smtp.send(String.valueOf(action.payload().get("to")), m.subject(), m.body(), action.idempotencyKey());
                sent.add(action.id());
            }
        } finally {
            // what went out stays sent when a later mail of the batch fails and the message comes back
            claims.sent(sent);
        }
    }
}
