package io.aftersaleshub.offer;

/** The moments at which the hub chooses an offer; see ARCHITECTURE.md. */
public enum Moment {
    REGISTRATION(true),
    SUPPORT_CLOSED(false),
    PARTS_VIEWED(false),
    ANNIVERSARY(false),
    TRANSFERRED(false),
    WARRANTY_EXPIRING(false);

    private final boolean decided;

    Moment(boolean decided) {
        this.decided = decided;
    }

    /** Whether the hub decides at this moment yet; events of other moments are stored only. */
    public boolean isDecided() {
        return decided;
    }
}
