package io.aftersaleshub.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;

/** Collects every problem of a request so that the caller learns all of them in one answer. */
public final class Problems {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final List<FieldProblem> list = new ArrayList<>();

    public Problems add(String field, String reason) {
        list.add(new FieldProblem(field, reason));
        return this;
    }

    public boolean require(String field, Object value) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            add(field, "is required");
            return false;
        }
        return true;
    }

    public void email(String field, String value) {
        if (require(field, value) && (!EMAIL.matcher(value).matches() || value.length() > 254 || hasHiddenCharacters(value))) {
            add(field, "is not a valid e-mail address");
        }
    }

    public void maxLength(String field, String value, int max) {
        if (value != null && value.length() > max) {
            add(field, "must be at most " + max + " characters");
        } else if (value != null && value.chars().anyMatch(Character::isISOControl)) {
            add(field, "must not contain control characters");
        } else if (value != null && hasHiddenCharacters(value)) {
            add(field, "must not contain invisible formatting characters or broken unicode");
        }
    }

    /**
     * Unpaired surrogates (PostgreSQL would store them as {@code ?}) and invisible format characters such as
     * a byte-order mark, a zero-width space or a right-to-left override, which make two texts look alike;
     * the zero-width (non-)joiners that some scripts' names need are allowed.
     */
    static boolean hasHiddenCharacters(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)
                    || Character.getType(c) == Character.FORMAT && c != '\u200C' && c != '\u200D') {
                return true;
            }
        }
        return false;
    }

    /** A required single-line text of at most {@code max} characters. */
    public boolean text(String field, String value, int max) {
        if (!require(field, value)) {
            return false;
        }
        int before = list.size();
        maxLength(field, value, max);
        return list.size() == before;
    }

    /** Adds the problem a value checker found (e.g. {@code Gtin.problemWith}); true when there was none. */
    public boolean check(String field, String problem) {
        if (problem != null) {
            add(field, problem);
            return false;
        }
        return true;
    }

    /** A required amount of money: not negative, at most 2 decimals, below 10 000 000 000. */
    public void money(String field, java.math.BigDecimal value) {
        if (!require(field, value)) {
            return;
        }
        if (value.signum() < 0) {
            add(field, "must not be negative");
        } else if (value.compareTo(java.math.BigDecimal.valueOf(10_000_000_000L)) >= 0) {
            add(field, "must be less than 10000000000");
        } else if (value.stripTrailingZeros().scale() > 2) {
            add(field, "must have at most 2 decimals");
        }
    }

    /** A required ISO 4217 currency code. */
    public void currency(String field, String value) {
        if (require(field, value) && !value.trim().matches("[A-Za-z]{3}")) {
            add(field, "must be a 3-letter ISO 4217 code");
        }
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public List<FieldProblem> list() {
        return List.copyOf(list);
    }

    /** Throws a 400 with every problem collected, if there is any. */
    public void throwIfAny() {
        if (!list.isEmpty()) {
            throw new RequestRejectedException(HttpStatus.BAD_REQUEST, list);
        }
    }
}
