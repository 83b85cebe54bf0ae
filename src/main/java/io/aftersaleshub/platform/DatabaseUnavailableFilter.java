package io.aftersaleshub.platform;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request that fails because the database cannot be reached (stopped, restarting, no connection within the
 * pool's wait) is answered 503 problem details with {@code Retry-After}, also when the failure happens before a
 * controller runs (an API key looked up in the database); controllers' failures are mapped the same way by
 * {@link ProblemDetailsAdvice}. Its transaction rolled back: nothing of the request was written.
 */
public class DatabaseUnavailableFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);

    private final ProblemResponses problems;

    DatabaseUnavailableFilter(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (!DatabaseUnavailable.in(e) || response.isCommitted()) {
                throw e;
            }
            log.warn("Answered {} {} with 503: the database is not available ({})", request.getMethod(),
                    request.getRequestURI(), e.toString());
            response.setHeader(HttpHeaders.RETRY_AFTER, DatabaseUnavailable.RETRY_AFTER_SECONDS);
            problems.write(response, HttpStatus.SERVICE_UNAVAILABLE, DatabaseUnavailable.DETAIL, request.getRequestURI());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Registration {

        /** Outside every filter that may reach the database (Spring Security's API-key filter at -100). */
        static final int ORDER = org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 5;

        @Bean
        FilterRegistrationBean<DatabaseUnavailableFilter> databaseUnavailableFilter(ProblemResponses problems) {
            FilterRegistrationBean<DatabaseUnavailableFilter> registration =
                    new FilterRegistrationBean<>(new DatabaseUnavailableFilter(problems));
            registration.setOrder(ORDER);
            return registration;
        }
    }
}
