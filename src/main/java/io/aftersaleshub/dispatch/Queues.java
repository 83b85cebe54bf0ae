package io.aftersaleshub.dispatch;

/** Artemis queues of the hub: one per channel ({@code hub.actions.<channel>}) and the dead letters. Bodies are ids as text. */
public final class Queues {
    public static final String ACTIONS_PREFIX = "hub.actions.";
    public static final String DEAD_LETTER = "hub.dead-letter";
    /** JMS properties every action message carries, so that a failure is attributed without reading route ids. */
    public static final String ACTION_ID = "hubActionId";
    public static final String CHANNEL = "hubChannel";

    private Queues() {
    }

    public static String forChannel(String channel) {
        return ACTIONS_PREFIX + channel;
    }
}
