package io.aftersaleshub.access;

import java.util.EnumSet;
import java.util.Set;

/** What a person who logs in may do, as scopes: the same table ({@link EndpointScopes}) decides for keys and people. */
enum Role {
    /** edits and tries decision tables, reads decisions */
    ANALYST(EnumSet.of(Scope.RULES, Scope.READ)),
    /** reads decisions and results */
    MARKETING(EnumSet.of(Scope.READ)),
    /** everything */
    ADMIN(EnumSet.of(Scope.ADMIN));

    private final Set<Scope> scopes;

    Role(Set<Scope> scopes) {
        this.scopes = scopes;
    }

    Set<Scope> scopes() {
        return scopes;
    }
}
