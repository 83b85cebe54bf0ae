package io.aftersaleshub.rules.vocabulary;

import java.util.Arrays;
import java.util.Optional;

import io.aftersaleshub.event.EventType;

/**
 * The moments at which the hub chooses an offer, each triggered by one canonical event type. A decision
 * table's Moment column takes these names; the compiler refuses any other value.
 */
public enum Moment {
    REGISTRATION(EventType.REGISTRATION_COMPLETED, true),
    SUPPORT_CLOSED(EventType.SUPPORT_CASE_CLOSED, false),
    PARTS_VIEWED(EventType.PARTS_VIEWED, false),
    ANNIVERSARY(EventType.OWNERSHIP_ANNIVERSARY, false),
    TRANSFERRED(EventType.OWNERSHIP_TRANSFERRED, true),
    WARRANTY_EXPIRING(EventType.WARRANTY_EXPIRING, false);

    private final EventType eventType;
    private final boolean oncePerOwnership;

    Moment(EventType eventType, boolean oncePerOwnership) {
        this.eventType = eventType;
        this.oncePerOwnership = oncePerOwnership;
    }

    /** The event type that triggers this moment. */
    public EventType eventType() {
        return eventType;
    }

    /** A moment that happens once per owner of a unit: a second event of it (e.g. from the CRM) gets no second offer. */
    public boolean isOncePerOwnership() {
        return oncePerOwnership;
    }

    public static Optional<Moment> of(EventType type) {
        return Arrays.stream(values()).filter(m -> m.eventType == type).findFirst();
    }

    /** The moment of this name, if it is one: what a Moment cell or a cases file may hold. */
    public static Optional<Moment> named(String name) {
        return Arrays.stream(values()).filter(m -> m.name().equals(name)).findFirst();
    }

    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(Enum::name).toList());
    }
}
