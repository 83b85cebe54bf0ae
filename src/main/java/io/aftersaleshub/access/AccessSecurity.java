package io.aftersaleshub.access;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

import io.aftersaleshub.platform.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

/**
 * The hub's door. Integrations send {@code X-Api-Key} (no session, no CSRF token); people log in with a
 * form (a session, with CSRF protection). Either way the request needs the scope {@link EndpointScopes}
 * names. Refusals are problem details: 401 with {@code WWW-Authenticate} when no (valid) credentials came,
 * 403 naming the scope that was missing; a browser asking for a page is sent to the login form instead.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({AccessProperties.class, RateLimitProperties.class})
class AccessSecurity {

    @Bean
    SecurityFilterChain hubSecurity(HttpSecurity http, ApiKeys keys, ProblemResponses problems,
                                    RateLimitProperties rateLimits) throws Exception {
        ApiKeyFilter apiKeys = new ApiKeyFilter(keys, problems);
        http.authorizeHttpRequests(a -> a.anyRequest().access(scopeOfEndpoint()))
                .addFilterBefore(apiKeys, UsernamePasswordAuthenticationFilter.class)
                .formLogin(f -> f.defaultSuccessUrl("/swagger-ui.html", false))
                .httpBasic(AbstractHttpConfigurer::disable)
                // after a login the browser goes to the API docs; nothing is remembered for anonymous API calls
                .requestCache(c -> c.requestCache(new NullRequestCache()))
                .csrf(c -> c.requireCsrfProtectionMatcher(AccessSecurity::needsCsrfToken))
                .exceptionHandling(e -> e
                        // a default, not authenticationEntryPoint(..), which would turn off the generated login page
                        .defaultAuthenticationEntryPointFor((request, response, ex) -> unauthenticated(request, response, problems),
                                AnyRequestMatcher.INSTANCE)
                        .accessDeniedHandler((request, response, ex) -> denied(request, response, ex, problems)));
        if (rateLimits.enabled()) {
            http.addFilterAfter(new RateLimitFilter(rateLimits, problems), ApiKeyFilter.class);
        }
        return http.build();
    }

    @Bean
    UserDetailsService hubUsers(AccessProperties properties) {
        return new InMemoryUserDetailsManager(HubUsers.parse(properties.users()));
    }

    /** Public rows let everyone in; any other request needs its scope's authority. */
    private static AuthorizationManager<RequestAuthorizationContext> scopeOfEndpoint() {
        return (authentication, context) -> {
            var needed = EndpointScopes.required(context.getRequest());
            if (needed.isEmpty()) {
                return new AuthorizationDecision(true);
            }
            Authentication auth = authentication.get();
            boolean granted = auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken)
                    && auth.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                    .anyMatch(needed.get().authority()::equals);
            return new AuthorizationDecision(granted);
        };
    }

    /**
     * A form session can be ridden by another site, so its unsafe requests need the CSRF token; a request
     * with an API key, or without a session, carries no ambient credential and needs none. The login form
     * itself always does (against login CSRF).
     */
    private static boolean needsCsrfToken(HttpServletRequest request) {
        String method = request.getMethod();
        if (HttpMethod.GET.matches(method) || HttpMethod.HEAD.matches(method) || HttpMethod.OPTIONS.matches(method)
                || HttpMethod.TRACE.matches(method)) {
            return false;
        }
        if ("/login".equals(request.getServletPath())) {
            return true;
        }
        return request.getHeader(ApiKeyFilter.HEADER) == null && request.getSession(false) != null;
    }

    private static void unauthenticated(HttpServletRequest request, HttpServletResponse response, ProblemResponses problems)
            throws IOException {
        if (wantsPage(request)) {
            response.sendRedirect(request.getContextPath() + "/login");
            return;
        }
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, ApiKeyFilter.CHALLENGE);
        problems.write(response, HttpStatus.UNAUTHORIZED,
                "This endpoint needs an API key in the " + ApiKeyFilter.HEADER + " header.", request.getRequestURI());
    }

    private static void denied(HttpServletRequest request, HttpServletResponse response, Exception ex,
                               ProblemResponses problems) throws IOException {
        String detail;
        if (ex instanceof CsrfException) {
            detail = "This request comes with a login session but without its CSRF token.";
        } else {
            String needed = EndpointScopes.required(request).map(Scope::label).orElse("none");
            detail = "This endpoint needs scope '" + needed + "'" + heldScopes() + ".";
        }
        problems.write(response, HttpStatus.FORBIDDEN, detail, request.getRequestURI());
    }

    private static String heldScopes() {
        Authentication auth = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        if (auth == null) {
            return "";
        }
        List<String> held = auth.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("SCOPE_")).map(a -> a.substring(6)).sorted().toList();
        return "; " + (auth instanceof ApiKeyAuthentication ? "this key has " : "you have ")
                + (held.isEmpty() ? "none" : held.stream().collect(Collectors.joining(", ")));
    }

    /** A browser navigating (Accept: text/html, no key) gets the login form rather than a 401 body. */
    private static boolean wantsPage(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept == null || request.getHeader(ApiKeyFilter.HEADER) != null || request.getRequestURI().startsWith("/api/")) {
            return false;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream().anyMatch(MediaType.TEXT_HTML::equalsTypeAndSubtype);
        } catch (org.springframework.http.InvalidMediaTypeException e) {
            return false;
        }
    }
}
