package io.aftersaleshub.access;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What an API key (or a person's role) may do. {@code admin} includes every other scope. Spring Security
 * sees each as the authority {@code SCOPE_<name>}.
 */
public enum Scope {
    /** events, registrations, purchases */
    INGEST,
    /** the catalogue */
    CATALOG,
    /** decision tables: upload, simulation */
    RULES,
    /** decisions, results */
    READ,
    /** failures, replay, daily jobs, the dev mailbox */
    OPS,
    /** keys and everything else */
    ADMIN;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String authority() {
        return "SCOPE_" + label();
    }

    public static Optional<Scope> parse(String label) {
        return Arrays.stream(values()).filter(s -> s.label().equals(label)).findFirst();
    }

    /** The scopes a holder of these has: {@code admin} brings all of them. */
    public static Set<Scope> granted(Set<Scope> scopes) {
        if (scopes.contains(ADMIN)) {
            return EnumSet.allOf(Scope.class);
        }
        return scopes.isEmpty() ? EnumSet.noneOf(Scope.class) : EnumSet.copyOf(scopes);
    }
}
