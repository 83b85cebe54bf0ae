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
        if (require(field, value) && (!EMAIL.matcher(value).matches() || value.length() > 254)) {
            add(field, "is not a valid e-mail address");
        }
    }

    public void maxLength(String field, String value, int max) {
        if (value != null && value.length() > max) {
            add(field, "must be at most " + max + " characters");
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
