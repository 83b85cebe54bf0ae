package io.aftersaleshub.support;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.Awaitility;

/** The mails a test's GreenMail server received, by recipient. */
public final class Inbox {

    private final GreenMailExtension smtp;

    public Inbox(GreenMailExtension smtp) {
        this.smtp = smtp;
    }

    /** What arrived for this address so far. */
    public List<MimeMessage> to(String email) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(r -> r.toString().equalsIgnoreCase(email));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** Waits (up to 20 s) until at least {@code count} mails arrived for this address, and returns them all. */
    public List<MimeMessage> await(String email, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> to(email).size() >= count);
        return to(email);
    }

    public static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
