package io.aftersaleshub.dispatch;

/**
 * Artemis queues of the hub: one per channel ({@code hub.actions.<channel>}) and the dead letters. A
 * message carries up to {@link #IDS_PER_MESSAGE} action ids as comma-separated text, so that a sink
 * claims, sends and acknowledges a batch at a time.
 */
public final class Queues {
    public static final String ACTIONS_PREFIX = "hub.actions.";
    public static final String DEAD_LETTER = "hub.dead-letter";
    /** Connectors' queues of stored inbound deliveries ({@code hub.inbox.<system>}), redelivered like actions. */
    public static final String INBOX_PREFIX = "hub.inbox.";
    /** JMS properties every action message carries, so that a failure is attributed without reading route ids. */
    public static final String ACTION_IDS = "hubActionIds";
    public static final int IDS_PER_MESSAGE = 50;
    public static final String CHANNEL = "hubChannel";

    private Queues() {
    }

    /** The action ids of a message body or header; blank parts are skipped, anything else must be a UUID. */
    public static java.util.List<java.util.UUID> ids(String text) {
        if (text == null || text.isBlank()) {
            return java.util.List.of();
        }
        return java.util.Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(java.util.UUID::fromString).toList();
    }

    public static String forChannel(String channel) {
        return ACTIONS_PREFIX + channel;
    }
}
