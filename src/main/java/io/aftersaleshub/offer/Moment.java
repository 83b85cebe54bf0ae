package io.aftersaleshub.offer;

/** The moments at which the hub chooses an offer; see ARCHITECTURE.md. */
public enum Moment {
    REGISTRATION(true, true),
    SUPPORT_CLOSED(false, false),
    PARTS_VIEWED(false, false),
    ANNIVERSARY(false, false),
    TRANSFERRED(false, true),
    WARRANTY_EXPIRING(false, false);

    private final boolean decided;
    private final boolean oncePerOwnership;

    Moment(boolean decided, boolean oncePerOwnership) {
        this.decided = decided;
        this.oncePerOwnership = oncePerOwnership;
    }

    /** A moment that happens once per owner of a unit: a second event of it (e.g. from the CRM) gets no second offer. */
    public boolean isOncePerOwnership() {
        return oncePerOwnership;
    }

    /** Whether the hub decides at this moment yet; events of other moments are stored only. */
    public boolean isDecided() {
        return decided;
    }
}
