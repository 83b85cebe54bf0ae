package io.aftersaleshub.platform;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Request bodies have a limit ({@link BodyLimitProperties}): a declared {@code Content-Length} above it is
 * refused with 413 before a byte is read; a chunked body is counted while it is read and reading stops with
 * {@link BodyTooLargeException} (answered 413 by {@link ProblemDetailsAdvice}) as soon as it passes the limit.
 * Runs before authentication, so that no one can make the hub read a huge body.
 */
public class BodyLimitFilter extends OncePerRequestFilter {

    private final long max;
    private final long large;
    private final List<PathPattern> largePaths;
    private final ProblemResponses problems;

    BodyLimitFilter(BodyLimitProperties limits, ProblemResponses problems) {
        this.max = limits.max().toBytes();
        this.large = limits.large().toBytes();
        this.largePaths = limits.largePaths().stream().map(PathPatternParser.defaultInstance::parse).toList();
        this.problems = problems;
    }

    long limitFor(HttpServletRequest request) {
        var path = org.springframework.http.server.PathContainer.parsePath(request.getRequestURI());
        return largePaths.stream().anyMatch(p -> p.matches(path)) ? large : max;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limitFor(request);
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            // the body is not read; Tomcat drops the connection rather than swallow a large rest
            response.setHeader("Connection", "close");
            problems.write(response, HttpStatus.PAYLOAD_TOO_LARGE, new BodyTooLargeException(limit).detail(),
                    request.getRequestURI());
            return;
        }
        try {
            chain.doFilter(declared >= 0 ? request : new Limited(request, limit), response);
        } catch (BodyTooLargeException e) {
            // read outside Spring MVC (e.g. a form body read by a filter): still a 413, not a 500
            response.setHeader("Connection", "close");
            problems.write(response, HttpStatus.PAYLOAD_TOO_LARGE, e.detail(), request.getRequestURI());
        }
    }

    /** A body of unknown length (chunked), counted as it is read. */
    private static final class Limited extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream(), limit);
            }
            return stream;
        }

        @Override
        public java.io.BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding() != null ? getCharacterEncoding() : "UTF-8";
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), encoding));
        }
    }

    private static final class Counting extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private long count;

        Counting(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = in.read(buf, off, len);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) throws BodyTooLargeException {
            count += n;
            if (count > limit) {
                throw new BodyTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(BodyLimitProperties.class)
    static class Registration {

        /** Before every filter that may read a body (FormContentFilter at -9900, Spring Security at -100). */
        static final int ORDER = org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 10;

        @Bean
        FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(BodyLimitProperties limits, ProblemResponses problems) {
            FilterRegistrationBean<BodyLimitFilter> registration = new FilterRegistrationBean<>(new BodyLimitFilter(limits, problems));
            registration.setOrder(ORDER);
            return registration;
        }
    }
}
