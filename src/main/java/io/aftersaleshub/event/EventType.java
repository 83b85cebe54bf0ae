package io.aftersaleshub.event;

import java.util.Arrays;
import java.util.Optional;

import io.aftersaleshub.offer.Moment;

/** Canonical event types, by their wire name, and the moment each one triggers. */
public enum EventType {
    REGISTRATION_COMPLETED("registration.completed", Moment.REGISTRATION),
    SUPPORT_CASE_CLOSED("support.case_closed", Moment.SUPPORT_CLOSED),
    PARTS_VIEWED("parts.viewed", Moment.PARTS_VIEWED),
    OWNERSHIP_TRANSFERRED("ownership.transferred", Moment.TRANSFERRED),
    OWNERSHIP_ANNIVERSARY("ownership.anniversary", Moment.ANNIVERSARY),
    WARRANTY_EXPIRING("warranty.expiring", Moment.WARRANTY_EXPIRING);

    private final String wireName;
    private final Moment moment;

    EventType(String wireName, Moment moment) {
        this.wireName = wireName;
        this.moment = moment;
    }

    public String wireName() {
        return wireName;
    }

    public Moment moment() {
        return moment;
    }

    public static Optional<EventType> fromWire(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }

    public static String allWireNames() {
        return String.join(", ", Arrays.stream(values()).map(EventType::wireName).toList());
    }
}
