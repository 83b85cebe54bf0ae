package io.aftersaleshub.platform;

import java.io.IOException;

/** Thrown while a request body is read, as soon as it passes its limit: answered 413 (see {@link BodyLimitFilter}). */
public class BodyTooLargeException extends IOException {

    private final long limit;

    public BodyTooLargeException(long limit) {
        super("request body larger than " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }

    /** "The request body is larger than the limit of 1048576 bytes for this path." */
    public String detail() {
        return "The request body is larger than the limit of " + limit + " bytes for this path.";
    }

    /** The exception, or one of its causes, if a body was too large. */
    static BodyTooLargeException in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BodyTooLargeException b) {
                return b;
            }
        }
        return null;
    }
}
