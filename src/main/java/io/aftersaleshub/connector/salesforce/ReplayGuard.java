package io.aftersaleshub.connector.salesforce;

import org.apache.camel.Exchange;
import org.apache.camel.component.salesforce.InvalidReplayIdException;
import org.apache.camel.spi.ExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The exception handler of route {@code salesforce-in-cases}' consumer: a refused replay id starts the catch-up by
 * query ({@link CaseSubscription#replayIdRefused}); any other failure (a malformed event, a case the hub refuses) is
 * logged in one line with its reason — the event is skipped and nothing of it was written.
 */
@Component(ReplayGuard.BEAN)
class ReplayGuard implements ExceptionHandler {

    static final String BEAN = "salesforceReplayGuard";

    private static final Logger log = LoggerFactory.getLogger(ReplayGuard.class);

    private final CaseSubscription subscription;

    ReplayGuard(@Lazy CaseSubscription subscription) {
        this.subscription = subscription;
    }

    @Override
    public void handleException(Throwable exception) {
        handleException(null, null, exception);
    }

    @Override
    public void handleException(String message, Throwable exception) {
        handleException(message, null, exception);
    }

    @Override
    public void handleException(String message, Exchange exchange, Throwable exception) {
        Throwable cause = exception;
        while (cause != null && !(cause instanceof InvalidReplayIdException) && !(cause instanceof MalformedCaseChangeException)
                && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause instanceof InvalidReplayIdException refused) {
            subscription.replayIdRefused(refused.getReplayId());
        } else if (cause instanceof MalformedCaseChangeException malformed) {
            log.error(malformed.getMessage());
        } else {
            log.error("Salesforce change event failed{}: {}", message == null ? "" : " (" + message + ")", String.valueOf(exception));
        }
    }
}
