package io.aftersaleshub.access;

import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * WHO MAY CALL WHAT: the one table of the hub's endpoints and the scope each needs. The first row that
 * matches a request decides; a request no row matches needs {@code admin}, so an endpoint someone forgets
 * to list is closed, never open. Add one line per new endpoint (and a line to README's "Access" table).
 * Paths are Spring {@code PathPattern}s; a null method matches every method.
 */
public final class EndpointScopes {

    /** One row: requests with this method and path need this scope, or nothing when {@code scope} is null. */
    public record Row(HttpMethod method, String pattern, Scope scope) {

        boolean isPublic() {
            return scope == null;
        }

        RequestMatcher matcher() {
            return PathPatternRequestMatcher.withDefaults().matcher(method, pattern);
        }
    }

    private static Row open(String pattern) {
        return new Row(null, pattern, null);
    }

    private static Row row(HttpMethod method, String pattern, Scope scope) {
        return new Row(method, pattern, scope);
    }

    public static final List<Row> ROWS = List.of(
            // public: what an owner's phone, a signed webhook and a load balancer need, nothing else
            open("/actuator/health"),
            open("/actuator/health/liveness"),
            open("/actuator/health/readiness"),
            open("/api/offers/redeem/**"),
            open("/webhooks/**"),
            open("/r/**"),
            open("/unsubscribe/**"),
            open("/error"),
            open("/login"),
            open("/logout"),

            row(HttpMethod.POST, "/api/events", Scope.INGEST),
            row(HttpMethod.POST, "/api/registrations", Scope.INGEST),
            row(HttpMethod.POST, "/api/purchases", Scope.INGEST),
            row(HttpMethod.POST, "/api/catalog", Scope.CATALOG),
            // ERP files: models, items, units and purchases are the manufacturer's master data
            row(null, "/api/imports", Scope.CATALOG),
            row(null, "/api/imports/**", Scope.CATALOG),
            // the owner portal starts and completes transfers on the owners' behalf
            row(HttpMethod.POST, "/api/transfers", Scope.INGEST),
            row(HttpMethod.POST, "/api/transfers/*/complete", Scope.INGEST),
            // a page asking for the offer of the moment records a decision like a page view
            row(HttpMethod.GET, "/api/offers", Scope.READ),
            row(HttpMethod.GET, "/api/analytics/**", Scope.READ),
            // owners' export and erasure: personal data, for administrators only
            row(null, "/api/owners/**", Scope.ADMIN),
            row(null, "/rules", Scope.RULES),
            row(null, "/rules/**", Scope.RULES),
            row(null, "/api/rules/**", Scope.RULES),
            row(HttpMethod.GET, "/api/units/**", Scope.READ),
            row(HttpMethod.GET, "/api/decisions/**", Scope.READ),
            row(null, "/api/ops/**", Scope.OPS),
            row(HttpMethod.GET, "/api/dev/mailbox", Scope.OPS),
            row(null, "/api/keys", Scope.ADMIN),
            row(null, "/api/keys/**", Scope.ADMIN),
            // the API's documentation: people who log in, keys that may read
            row(HttpMethod.GET, "/v3/api-docs", Scope.READ),
            row(HttpMethod.GET, "/v3/api-docs/**", Scope.READ),
            row(HttpMethod.GET, "/swagger-ui.html", Scope.READ),
            row(HttpMethod.GET, "/swagger-ui/**", Scope.READ));

    /** What any request no row matches needs. */
    public static final Scope DEFAULT = Scope.ADMIN;

    private record Compiled(RequestMatcher matcher, Scope scope) {
    }

    private static final List<Compiled> COMPILED = ROWS.stream().map(r -> new Compiled(r.matcher(), r.scope())).toList();

    private EndpointScopes() {
    }

    /** The scope this request needs, or empty when it is public. */
    public static Optional<Scope> required(HttpServletRequest request) {
        for (Compiled c : COMPILED) {
            if (c.matcher().matches(request)) {
                return Optional.ofNullable(c.scope());
            }
        }
        return Optional.of(DEFAULT);
    }

    public static boolean isPublic(HttpServletRequest request) {
        return required(request).isEmpty();
    }
}
