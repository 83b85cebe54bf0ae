package io.aftersaleshub.event;

import java.util.Arrays;
import java.util.Optional;

/** Canonical event types, by their wire name. Every one of them triggers a moment that is decided. */
public enum EventType {
    REGISTRATION_COMPLETED("registration.completed"),
    SUPPORT_CASE_CLOSED("support.case_closed"),
    PARTS_VIEWED("parts.viewed"),
    OWNERSHIP_TRANSFERRED("ownership.transferred"),
    OWNERSHIP_ANNIVERSARY("ownership.anniversary"),
    WARRANTY_EXPIRING("warranty.expiring");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<EventType> fromWire(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }

    public static String allWireNames() {
        return String.join(", ", Arrays.stream(values()).map(EventType::wireName).toList());
    }
}
