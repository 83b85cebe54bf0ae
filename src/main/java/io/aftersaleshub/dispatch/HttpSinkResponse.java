package io.aftersaleshub.dispatch;

import java.util.List;
import java.util.UUID;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The step after an HTTP sink's call (endpoint with {@code throwExceptionOnFailure=false}): a 2xx marks the
 * call's actions sent; 408, 429 and 5xx throw, so that the shared error handling records the attempt and the
 * broker redelivers with back-off; any other answer (a 4xx: the peer refuses this request and will refuse it
 * again) puts the call's actions into the dead letters at once, without redeliveries. The step that built the
 * call names its actions in exchange property {@link #CALL_ACTIONS}.
 */
@Component("httpSinkResponse")
public class HttpSinkResponse {

    /** Exchange property: the {@code List<UUID>} of actions one HTTP call carries. */
    public static final String CALL_ACTIONS = "hubCallActionIds";
    private static final int MAX_BODY_IN_ERROR = 200;

    public enum Outcome { SENT, RETRY, DEAD }

    /** Thrown for an answer worth trying again later. */
    public static class PeerUnavailableException extends RuntimeException {
        public PeerUnavailableException(String message) {
            super(message);
        }
    }

    private final ActionClaims claims;
    private final DeadLetters deadLetters;

    public HttpSinkResponse(ActionClaims claims, DeadLetters deadLetters) {
        this.claims = claims;
        this.deadLetters = deadLetters;
    }

    public static Outcome of(int status) {
        if (status >= 200 && status < 300) {
            return Outcome.SENT;
        }
        return status == 408 || status == 429 || status >= 500 ? Outcome.RETRY : Outcome.DEAD;
    }

    @SuppressWarnings("unchecked")
    public void settle(Exchange exchange) {
        List<UUID> ids = exchange.getProperty(CALL_ACTIONS, List.class);
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        int code = status == null ? 0 : status;
        switch (of(code)) {
            case SENT -> claims.sent(ids);
            case RETRY -> throw new PeerUnavailableException("HTTP " + code + " from " + channelOf(exchange));
            case DEAD -> deadLetters.deadNow(ids, channelOf(exchange), "HTTP " + code + " from " + channelOf(exchange)
                    + ", not retried: " + bodyOf(exchange));
        }
    }

    private static String channelOf(Exchange exchange) {
        return String.valueOf(exchange.getMessage().getHeader(Queues.CHANNEL));
    }

    private static String bodyOf(Exchange exchange) {
        String body = exchange.getMessage().getBody(String.class);
        if (body == null || body.isBlank()) {
            return "(no body)";
        }
        String oneLine = body.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= MAX_BODY_IN_ERROR ? oneLine : oneLine.substring(0, MAX_BODY_IN_ERROR) + "…";
    }
}
