package io.aftersaleshub.platform;

import java.util.regex.Pattern;

/**
 * Cuts e-mail addresses out of text that is logged or kept for operators (errors of failed deliveries,
 * exception messages: an SMTP server's "550 &lt;ana@example.com&gt; unknown", a database's
 * "Key (email)=(ana@example.com) already exists"). Owners' names never reach such text: the hub logs no
 * payloads, and the log converters below mask every line's message and stack trace.
 */
public final class PersonalDataMask {

    public static final String EMAIL_MASK = "<e-mail>";
    private static final Pattern EMAIL = Pattern.compile("[\\p{L}\\p{N}._%+'\\-]+@[\\p{L}\\p{N}\\-]+(\\.[\\p{L}\\p{N}\\-]+)*");

    private PersonalDataMask() {
    }

    public static String emails(String text) {
        return text == null || text.indexOf('@') < 0 ? text : EMAIL.matcher(text).replaceAll(EMAIL_MASK);
    }

    /** Logback {@code %m}: the message with e-mail addresses masked (see logback-spring.xml). */
    public static class MessageConverter extends ch.qos.logback.classic.pattern.MessageConverter {
        @Override
        public String convert(ch.qos.logback.classic.spi.ILoggingEvent event) {
            return emails(super.convert(event));
        }
    }

    /** Logback {@code %wEx}: Spring Boot's stack trace rendering with e-mail addresses masked. */
    public static class ThrowableConverter
            extends org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter {
        @Override
        protected String throwableProxyToString(ch.qos.logback.classic.spi.IThrowableProxy tp) {
            return emails(super.throwableProxyToString(tp));
        }
    }
}
