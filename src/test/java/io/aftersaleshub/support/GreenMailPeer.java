package io.aftersaleshub.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;

/** GreenMail as the hub's SMTP server on a free loopback port, with the mails a test waits for by recipient. */
public class GreenMailPeer extends GreenMailExtension {

    private final int port;

    public GreenMailPeer() {
        this(FreePort.find());
    }

    private GreenMailPeer(int port) {
        super(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        this.port = port;
    }

    /** For {@code registry.add("hub.mail.port", smtp::port)}. */
    public int port() {
        return port;
    }

    public List<MimeMessage> mailsTo(String email) {
        return Arrays.stream(getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().equalsIgnoreCase(email));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** Waits up to 20 s until at least {@code count} mails reached {@code email}; returns them all. */
    public List<MimeMessage> awaitMailTo(String email, int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(email).size() >= count);
        return mailsTo(email);
    }

    public static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
