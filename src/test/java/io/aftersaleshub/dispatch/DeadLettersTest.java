package io.aftersaleshub.dispatch;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.util.UUID;

import io.aftersaleshub.event.EventStore;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    private final OutboxStore outbox = mock(OutboxStore.class);
    private final EventStore events = mock(EventStore.class);
    private final DeadLetters deadLetters = new DeadLetters(outbox, events);

    @Test
    void aFailedEmailMarksItsActionFailedWithTheError() {
        UUID id = UUID.randomUUID();
        deadLetters.record(exchange("email-out-offer", id.toString(), new IllegalStateException("SMTP down")));
        verify(outbox).markFailed(id, "IllegalStateException: SMTP down");
        verify(events, never()).markFailed(any(), anyString());
    }

    @Test
    void aFailedEventIsMarkedFailedSoThatItIsNotRepublished() {
        UUID id = UUID.randomUUID();
        deadLetters.record(exchange("hub-in-events", id + "\n", new RuntimeException("boom")));
        verify(events).markFailed(id, "RuntimeException: boom");
        verify(outbox, never()).markFailed(any(), anyString());
    }

    @Test
    void aMessageThatIsNoIdIsParkedUntouched() {
        deadLetters.record(exchange("hub-in-events", "{not an id}", new RuntimeException("x")));
        verify(events, never()).markFailed(any(), anyString());
        verify(outbox, never()).markFailed(any(), anyString());
    }

    private static Exchange exchange(String route, String body, Exception e) {
        Exchange ex = new DefaultExchange(new DefaultCamelContext());
        ex.setProperty(Exchange.FAILURE_ROUTE_ID, route);
        ex.setProperty(Exchange.EXCEPTION_CAUGHT, e);
        ex.getMessage().setBody(body);
        return ex;
    }
}
