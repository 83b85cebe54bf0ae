package io.aftersaleshub.dispatch;

import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Sends the e-mail sink's mails over one SMTP connection per consumer thread, kept open between mails:
 * a connection, its greeting and its TLS handshake per mail cost more than the mail itself. A failed send
 * closes the connection, so the next attempt starts clean. Credentials come from SMTP_USERNAME and
 * SMTP_PASSWORD and are never logged.
 */
@Component("smtpSender")
public class SmtpSender implements DisposableBean {

    static {
        MailRuntime.nameStreamProvider();
    }

    private final Session session;
    private final MailProperties mail;
    private final String username;
    private final String password;
    private final ThreadLocal<Transport> connections = new ThreadLocal<>();
    private final java.util.Set<Transport> all = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public SmtpSender(MailProperties mail, @Value("${hub.mail.starttls:false}") boolean starttls,
                      @Value("${camel.component.smtp.username:}") String username,
                      @Value("${camel.component.smtp.password:}") String password) {
        Properties p = new Properties();
        p.put("mail.smtp.host", mail.host());
        p.put("mail.smtp.port", String.valueOf(mail.port()));
        p.put("mail.smtp.connectiontimeout", "10000");
        p.put("mail.smtp.timeout", "10000");
        p.put("mail.smtp.starttls.enable", String.valueOf(starttls));
        p.put("mail.smtp.starttls.required", String.valueOf(starttls));
        p.put("mail.smtp.auth", String.valueOf(!username.isBlank()));
        this.session = Session.getInstance(p);
        this.mail = mail;
        this.username = username;
        this.password = password;
    }

    /** Sends one plain-text mail; throws (and drops the connection) when SMTP refuses or is unreachable. */
    public void send(String to, String subject, String body, String idempotencyKey) throws MessagingException {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(mail.from()));
        m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to));
        m.setSubject(subject, "UTF-8");
        m.setText(body, "UTF-8");
        // named here, Jakarta Mail does not write the whole body through its activation handlers to find it
        // out (the largest CPU cost of a send)
        m.setHeader("Content-Transfer-Encoding", transferEncoding(body));
        m.setHeader("X-Hub-Idempotency-Key", idempotencyKey);
        m.setSentDate(new java.util.Date());
        m.saveChanges();
        Transport t = connection();
        try {
            t.sendMessage(m, m.getAllRecipients());
        } catch (MessagingException | RuntimeException e) {
            drop(t);
            throw e;
        }
    }

    /** {@code 7bit} for ASCII text with SMTP-safe lines, else {@code quoted-printable} (German umlauts, long lines). */
    static String transferEncoding(String body) {
        int line = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\n') {
                line = 0;
            } else if (c >= 128 || c == 0 || (c == '\r' && (i + 1 >= body.length() || body.charAt(i + 1) != '\n')) || ++line > 998) {
                return "quoted-printable";
            }
        }
        return "7bit";
    }

    private Transport connection() throws MessagingException {
        Transport t = connections.get();
        if (t != null && t.isConnected()) {
            return t;
        }
        if (t != null) {
            drop(t);
        }
        t = session.getTransport("smtp");
        if (username.isBlank()) {
            t.connect();
        } else {
            t.connect(mail.host(), mail.port(), username, password);
        }
        connections.set(t);
        all.add(t);
        return t;
    }

    private void drop(Transport t) {
        connections.remove();
        all.remove(t);
        try {
            t.close();
        } catch (MessagingException ignored) {
            // the connection is gone either way
        }
    }

    @Override
    public void destroy() {
        for (Transport t : all) {
            try {
                t.close();
            } catch (MessagingException ignored) {
                // shutting down
            }
        }
        all.clear();
    }
}
