package io.aftersaleshub.identity;

/**
 * A GS1 Global Trade Item Number, held as 14 digits (GTIN-8/12/13 are left-padded with zeros) whose
 * last digit is the mod-10 check digit.
 */
public record Gtin(String value) {

    public Gtin {
        String problem = problemWith(value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** Parses 8, 12, 13 or 14 digits; the result is always 14 digits. */
    public static Gtin parse(String raw) {
        String problem = problemWith(raw == null ? null : pad(raw.trim()));
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return new Gtin(pad(raw.trim()));
    }

    /** Why {@code raw} is not a GTIN, or null when it is one. */
    public static String problemWith(String raw) {
        if (raw == null || raw.isBlank()) {
            return "is required";
        }
        String s = raw.trim();
        if (!s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return "must contain digits only";
        }
        if (s.length() != 8 && s.length() != 12 && s.length() != 13 && s.length() != 14) {
            return "must have 8, 12, 13 or 14 digits";
        }
        String padded = pad(s);
        int expected = checkDigit(padded.substring(0, 13));
        if (padded.charAt(13) - '0' != expected) {
            return "check digit must be " + expected;
        }
        return null;
    }

    /** The mod-10 check digit of the given digits (weights 3,1,3,… from the right). */
    public static int checkDigit(String digitsWithoutCheck) {
        int sum = 0;
        boolean three = true;
        for (int i = digitsWithoutCheck.length() - 1; i >= 0; i--) {
            int d = digitsWithoutCheck.charAt(i) - '0';
            sum += three ? 3 * d : d;
            three = !three;
        }
        return (10 - sum % 10) % 10;
    }

    private static String pad(String s) {
        return s.length() >= 14 ? s : "0".repeat(14 - s.length()) + s;
    }

    @Override
    public String toString() {
        return value;
    }

    /** One map key for a unit's identity (GTIN and serial); a serial may hold any character but NUL. */
    public static String key(String gtin, String serial) {
        return gtin + "\u0000" + serial;
    }
}
