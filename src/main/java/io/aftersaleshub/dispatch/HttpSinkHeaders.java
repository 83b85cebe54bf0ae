package io.aftersaleshub.dispatch;

import java.util.Locale;
import java.util.Set;

import org.apache.camel.Exchange;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.springframework.stereotype.Component;

/**
 * Header filter of the HTTP sinks ({@code headerFilterStrategy=#httpSinkHeaders}): of the message's
 * headers only those a sink sets for its peer go out as HTTP headers; the hub's own (action ids, channel,
 * JMS properties) never leave the hub. Answers' headers come in unfiltered.
 */
@Component("httpSinkHeaders")
public class HttpSinkHeaders implements HeaderFilterStrategy {

    private static final Set<String> SENT = Set.of("content-type", "authorization", "idempotency-key",
            "x-hub-signature-256", "user-agent");

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        return !SENT.contains(headerName.toLowerCase(Locale.ROOT));
    }

    @Override
    public boolean applyFilterToExternalHeaders(String headerName, Object headerValue, Exchange exchange) {
        return false;
    }
}
