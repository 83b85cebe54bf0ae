package io.aftersaleshub.access;

import java.io.IOException;
import java.util.Optional;

import io.aftersaleshub.platform.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request that carries {@code X-Api-Key}: a known, live key makes its holder the
 * request's principal (for this request only, no session); an unknown or revoked key is a 401 at once.
 */
class ApiKeyFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Api-Key";
    /** The challenge of a 401: which header to send. */
    static final String CHALLENGE = "ApiKey header=\"" + HEADER + "\"";

    private final ApiKeys keys;
    private final ProblemResponses problems;

    ApiKeyFilter(ApiKeys keys, ProblemResponses problems) {
        this.keys = keys;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key == null) {
            chain.doFilter(request, response);
            return;
        }
        Optional<ApiKeys.Holder> holder = key.isBlank() || key.length() > 200 ? Optional.empty() : keys.find(key.trim());
        if (holder.isEmpty()) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE + ", error=\"invalid_key\"");
            problems.write(response, HttpStatus.UNAUTHORIZED, "The API key in " + HEADER + " is not known or was revoked.",
                    request.getRequestURI());
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new ApiKeyAuthentication(holder.get()));
        SecurityContextHolder.setContext(context);
        chain.doFilter(request, response);
    }
}
