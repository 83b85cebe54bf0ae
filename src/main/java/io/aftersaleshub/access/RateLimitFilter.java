package io.aftersaleshub.access;

import java.io.IOException;

import io.aftersaleshub.platform.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * 429 with {@code Retry-After} when a client asks too often: per API key for requests with a key, per
 * client address for the public endpoints. Runs after the key is known; off unless {@code hub.rate-limit.enabled}.
 */
class RateLimitFilter extends OncePerRequestFilter {

    private final TokenBuckets perKey;
    private final TokenBuckets perAddress;
    private final ProblemResponses problems;

    RateLimitFilter(RateLimitProperties limits, ProblemResponses problems) {
        this.perKey = new TokenBuckets(limits.perKey(), System::nanoTime);
        this.perAddress = new TokenBuckets(limits.publicPerAddress(), System::nanoTime);
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        long wait = 0;
        if (auth instanceof ApiKeyAuthentication key) {
            wait = perKey.take(key.getPrincipal().id().toString());
        } else if (EndpointScopes.isPublic(request)) {
            wait = perAddress.take(request.getRemoteAddr());
        }
        if (wait > 0) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait));
            problems.write(response, HttpStatus.TOO_MANY_REQUESTS,
                    "Too many requests; try again in " + wait + " s.", request.getRequestURI());
            return;
        }
        chain.doFilter(request, response);
    }
}
