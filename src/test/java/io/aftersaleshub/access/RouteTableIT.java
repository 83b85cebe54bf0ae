package io.aftersaleshub.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftersaleshub.support.HubIntegrationTest;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.handler.AbstractUrlHandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Walks every route the running hub knows — every request mapping (controllers, actuator, API docs), every
 * URL handler mapping (static resources, Swagger UI) and every Camel HTTP consumer — and proves over real
 * HTTP that each non-public one answers 401 without a key and 403 with a key lacking its scope, and that
 * each public one does not ask for a key (a signed webhook may still refuse an unsigned request itself).
 * Public routes must lie under the few prefixes the issue allows, so
 * an endpoint that is left out of {@link EndpointScopes} (and so needs {@code admin}) or wrongly opened
 * fails here.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RouteTableIT extends HubIntegrationTest {

    /** What an owner's phone, a signed webhook and a load balancer may reach without credentials — nothing else. */
    static final List<String> ALLOWED_PUBLIC = List.of("/actuator/health", "/api/offers/redeem/", "/webhooks/", "/r/",
            "/unsubscribe/", "/error", "/login", "/logout");

    @DynamicPropertySource
    static void mailbox(DynamicPropertyRegistry registry) {
        devMailboxOnAFreePort(registry);
    }

    record Route(String method, String path) {
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    CamelContext camel;

    @Autowired
    ApiKeys keys;

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();

    @Test
    void everyRouteNeedsItsScopeUnlessItIsPublic() throws Exception {
        Set<Route> routes = routes();
        // the walk must see the hub's real endpoints, or it proves nothing
        assertThat(routes).contains(new Route("POST", "/api/registrations"), new Route("POST", "/api/events"),
                new Route("POST", "/api/purchases"), new Route("POST", "/api/catalog"), new Route("GET", "/api/ops/failures"),
                new Route("POST", "/api/keys"), new Route("GET", "/api/dev/mailbox"), new Route("GET", "/v3/api-docs"));
        assertThat(routes.size()).isGreaterThan(15);

        List<String> failures = new ArrayList<>();
        int checkedClosed = 0;
        for (Route r : routes) {
            var needed = EndpointScopes.required(request(r));
            if (needed.isEmpty()) {
                if (ALLOWED_PUBLIC.stream().noneMatch(r.path()::startsWith)) {
                    failures.add(r + " is public but lies under no allowed public prefix " + ALLOWED_PUBLIC);
                }
                // a signed webhook may refuse a missing signature with its own 401; never with the hub's key challenge
                HttpResponse<String> open = send(r, null);
                if (open.statusCode() == 401 && open.headers().firstValue("WWW-Authenticate").orElse("").startsWith("ApiKey")) {
                    failures.add(r + " is public but asked for an API key");
                }
                continue;
            }
            checkedClosed++;
            HttpResponse<String> anonymous = send(r, null);
            if (anonymous.statusCode() != 401 || anonymous.headers().firstValue("WWW-Authenticate").isEmpty()
                    || !isProblem(anonymous, 401)) {
                failures.add(r + " without a key answered " + anonymous.statusCode() + " " + anonymous.headers().map());
            }
            Set<Scope> wrong = EnumSet.allOf(Scope.class);
            wrong.remove(needed.get());
            wrong.remove(Scope.ADMIN);
            String wrongKey = keyWith(wrong);
            HttpResponse<String> forbidden = send(r, wrongKey);
            if (forbidden.statusCode() != 403 || !isProblem(forbidden, 403)
                    || !forbidden.body().contains("needs scope '" + needed.get().label() + "'")) {
                failures.add(r + " with a key of scopes " + wrong + " answered " + forbidden.statusCode() + " " + forbidden.body());
            }
            HttpResponse<String> allowed = send(r, keyWith(EnumSet.of(needed.get())));
            if (allowed.statusCode() == 401 || allowed.statusCode() == 403) {
                failures.add(r + " with a key of scope " + needed.get() + " answered " + allowed.statusCode());
            }
        }
        System.out.printf("RouteTableIT walked %d routes: %d closed (401/403/allowed checked), %d public%n",
                routes.size(), checkedClosed, routes.size() - checkedClosed);
        assertThat(failures).isEmpty();
        assertThat(checkedClosed).isGreaterThan(10);
    }

    @Test
    void aPathNoRowNamesNeedsAdmin() throws Exception {
        Route unlisted = new Route("POST", "/api/something-added-later/42");
        assertThat(EndpointScopes.required(request(unlisted))).contains(Scope.ADMIN);
        assertThat(send(unlisted, null).statusCode()).isEqualTo(401);
        assertThat(send(unlisted, keyWith(EnumSet.complementOf(EnumSet.of(Scope.ADMIN)))).statusCode()).isEqualTo(403);
        // with admin the request reaches Spring MVC, which knows no such path
        assertThat(send(unlisted, keyWith(EnumSet.of(Scope.ADMIN))).statusCode()).isEqualTo(404);
    }

    /** Every route Spring MVC and Camel know, with sample values for path variables and wildcards. */
    private Set<Route> routes() {
        Set<Route> routes = new java.util.TreeSet<>(java.util.Comparator.comparing(Route::path).thenComparing(Route::method));
        for (HandlerMapping mapping : context.getBeansOfType(HandlerMapping.class).values()) {
            if (mapping instanceof RequestMappingInfoHandlerMapping infos) {
                for (RequestMappingInfo info : infos.getHandlerMethods().keySet()) {
                    Set<String> methods = new TreeSet<>();
                    info.getMethodsCondition().getMethods().forEach(m -> methods.add(m.name()));
                    if (methods.isEmpty()) {
                        methods.addAll(List.of("GET", "POST", "DELETE"));
                    }
                    for (String pattern : info.getPatternValues()) {
                        methods.forEach(m -> routes.add(new Route(m, sample(pattern))));
                    }
                }
            } else if (mapping instanceof AbstractUrlHandlerMapping urls) {
                Set<String> patterns = new TreeSet<>(urls.getHandlerMap().keySet());
                urls.getPathPatternHandlerMap().keySet().forEach(p -> patterns.add(p.getPatternString()));
                for (String pattern : patterns) {
                    routes.add(new Route("GET", sample(pattern)));
                    routes.add(new Route("POST", sample(pattern)));
                }
            }
        }
        for (Endpoint endpoint : camel.getEndpoints()) {
            String uri = endpoint.getEndpointUri();
            if (uri.startsWith("platform-http:") || uri.startsWith("servlet:") || uri.startsWith("rest:")) {
                String path = uri.replaceFirst("^[a-z-]+:(//)?", "").replaceFirst("\\?.*$", "");
                routes.add(new Route("GET", sample("/" + path.replaceFirst("^/", ""))));
                routes.add(new Route("POST", sample("/" + path.replaceFirst("^/", ""))));
            }
        }
        return routes;
    }

    private static String sample(String pattern) {
        return pattern.replaceAll("\\{\\*[^}]+}", "x/y").replaceAll("\\{[^}]+}", "x1").replace("**", "x/y")
                .replace("*", "x");
    }

    private static MockHttpServletRequest request(Route r) {
        MockHttpServletRequest request = new MockHttpServletRequest(r.method(), r.path());
        request.setServletPath(r.path());
        return request;
    }

    private final Map<Set<Scope>, String> keysByScopes = new java.util.HashMap<>();

    private String keyWith(Set<Scope> scopes) {
        return keysByScopes.computeIfAbsent(EnumSet.copyOf(scopes), s -> keys.create("route-table " + s, s).key());
    }

    private HttpResponse<String> send(Route r, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + r.path()))
                .header("Accept", "application/json")
                .method(r.method(), r.method().equals("GET") || r.method().equals("DELETE")
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"));
        if (!r.method().equals("GET") && !r.method().equals("DELETE")) {
            b.header("Content-Type", "application/json");
        }
        if (key != null) {
            b.header("X-Api-Key", key);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private boolean isProblem(HttpResponse<String> r, int status) throws Exception {
        if (!r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
            return false;
        }
        JsonNode body = json.readTree(r.body());
        return body.path("status").asInt() == status && body.has("errors") && body.path("title").isTextual();
    }
}
