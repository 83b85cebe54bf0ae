package io.aftersaleshub.dispatch;

/** Artemis queues of the hub; bodies are JSON text or plain ids, never Java objects. */
public final class Queues {
    public static final String EVENTS = "hub.events";
    public static final String EMAIL_ACTIONS = "hub.actions.email";
    public static final String DEAD_LETTER = "hub.dead-letter";

    private Queues() {
    }
}
