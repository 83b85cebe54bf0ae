package io.aftersaleshub.dispatch;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What the dev SMTP server received; exists only in the embedded default. */
@RestController
@ConditionalOnProperty(name = "hub.mail.dev-mailbox", havingValue = "true")
public class DevMailboxController {

    private final DevMailbox mailbox;

    public DevMailboxController(DevMailbox mailbox) {
        this.mailbox = mailbox;
    }

    @GetMapping("/api/dev/mailbox")
    public List<DevMailbox.Mail> messages() {
        return mailbox.messages();
    }
}
