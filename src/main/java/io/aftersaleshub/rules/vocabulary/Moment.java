package io.aftersaleshub.rules.vocabulary;

import java.util.Arrays;
import java.util.Optional;

/**
 * The moments at which the hub chooses an offer, each triggered by one canonical event type. A decision
 * table's Moment column takes these names; the compiler refuses any other value.
 */
public enum Moment {
    REGISTRATION("registration.completed", true),
    SUPPORT_CLOSED("support.case_closed", false),
    PARTS_VIEWED("parts.viewed", false),
    ANNIVERSARY("ownership.anniversary", false),
    TRANSFERRED("ownership.transferred", true),
    WARRANTY_EXPIRING("warranty.expiring", false);

    private final String eventType;
    private final boolean oncePerOwnership;

    Moment(String eventType, boolean oncePerOwnership) {
        this.eventType = eventType;
        this.oncePerOwnership = oncePerOwnership;
    }

    /** The wire name of the event type that triggers this moment, e.g. {@code support.case_closed}. */
    public String eventType() {
        return eventType;
    }

    /** A moment that happens once per owner of a unit: a second event of it (e.g. from the CRM) gets no second offer. */
    public boolean isOncePerOwnership() {
        return oncePerOwnership;
    }

    public static Optional<Moment> ofEventType(String wireName) {
        return Arrays.stream(values()).filter(m -> m.eventType.equals(wireName)).findFirst();
    }

    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(Enum::name).toList());
    }
}
