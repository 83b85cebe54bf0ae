package io.aftersaleshub.dispatch;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.aftersaleshub.platform.ConfiguredPortInUseException;
import io.aftersaleshub.platform.PortCheck;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The embedded default's mail server: a real SMTP server on loopback, so that the e-mail sink runs the
 * same SMTP path as in production. Messages live in memory and are gone after a restart.
 */
@Component
@ConditionalOnProperty(name = "hub.mail.dev-mailbox", havingValue = "true")
public class DevMailbox implements SmartLifecycle {

    static {
        MailRuntime.nameStreamProvider();
    }

    static final String DEVBOX = "devbox@aftersales-hub.local";
    private static final Logger log = LoggerFactory.getLogger(DevMailbox.class);

    public record Mail(String to, String subject, String body, Instant sentAt) {
    }

    private final GreenMail server;
    private final int port;
    private volatile boolean running;

    public DevMailbox(MailProperties mail) {
        this.port = mail.port();
        this.server = new GreenMail(new ServerSetup(mail.port(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    }

    public List<Mail> messages() {
        return Arrays.stream(server.getReceivedMessages()).map(DevMailbox::toMail).toList();
    }

    private static Mail toMail(MimeMessage m) {
        try {
            String to = Arrays.stream(m.getRecipients(Message.RecipientType.TO)).map(Object::toString)
                    .reduce((a, b) -> a + ", " + b).orElse("");
            Instant sent = m.getSentDate() != null ? m.getSentDate().toInstant() : null;
            return new Mail(to, m.getSubject(), GreenMailUtil.getBody(m).replace("\r\n", "\n"), sent);
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot read a message of the dev mailbox", e);
        }
    }

    @Override
    public void start() {
        try {
            server.start();
        } catch (RuntimeException e) {
            if (PortCheck.inUse(port)) {
                throw new ConfiguredPortInUseException(port, "the dev SMTP server", "HUB_DEV_SMTP_PORT", e);
            }
            throw e;
        }
        // one mailbox for every recipient: GreenMail keeps a mailbox per address and finds it by a linear
        // scan, which made each delivery slower the more owners had mail (a third of the hub's CPU in a burst)
        GreenMailUser devbox = server.setUser(DEVBOX, DEVBOX);
        server.getUserManager().setMessageDeliveryHandler((message, address) -> devbox);
        running = true;
        log.info("Dev mailbox: SMTP on 127.0.0.1:{}; read it at GET /api/dev/mailbox", server.getSmtp().getPort());
    }

    @Override
    public void stop() {
        server.stop();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // before Camel's routes start sending, after them when stopping
        return Integer.MIN_VALUE + 100;
    }
}
