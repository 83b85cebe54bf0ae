package io.aftersaleshub.dispatch;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * SMTP settings. Without SMTP_HOST the hub runs its own dev SMTP server on loopback ({@code devMailbox})
 * and shows what it received at {@code /api/dev/mailbox}.
 */
@ConfigurationProperties("hub.mail")
public record MailProperties(String host, int port, String from, boolean devMailbox) {
}
