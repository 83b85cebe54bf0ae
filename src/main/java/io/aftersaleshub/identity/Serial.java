package io.aftersaleshub.identity;

/** A GS1 AI (21) serial number: 1–20 characters of the GS1 CSET 82 printable set. */
public final class Serial {

    private static final String CSET_82 = "[!\"%&'()*+,\\-./0-9:;<=>?A-Z_a-z]+";

    private Serial() {
    }

    /** Why {@code raw} is not a serial, or null when it is one. */
    public static String problemWith(String raw) {
        if (raw == null || raw.isBlank()) {
            return "is required";
        }
        String s = raw.trim();
        if (s.length() > 20 || !s.matches(CSET_82)) {
            return "must be 1-20 characters of the GS1 serial character set";
        }
        return null;
    }
}
