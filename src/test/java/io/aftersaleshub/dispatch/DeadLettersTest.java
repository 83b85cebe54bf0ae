package io.aftersaleshub.dispatch;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.util.List;
import java.util.UUID;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** Failures are attributed by the message's hubActionIds header, whatever route the message was in. */
class DeadLettersTest {

    private final OutboxStore outbox = mock(OutboxStore.class);
    private final DeadLetters deadLetters = new DeadLetters(outbox);

    @Test
    void aFailedAttemptKeepsItsErrorOnTheAction() {
        UUID id = UUID.randomUUID();
        deadLetters.recordAttempt(exchange(id.toString(), new IllegalStateException("SMTP down")));
        verify(outbox).recordAttempt(List.of(id), "IllegalStateException: SMTP down");
    }

    @Test
    void aDeadMessageMarksItsActionFailed() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        deadLetters.recordDead(exchange(a + "," + b, null));
        verify(outbox).markFailed(List.of(a, b), null);
    }

    @Test
    void aMessageWithoutAnActionIdIsLeftAlone() {
        deadLetters.recordAttempt(exchange(null, new RuntimeException("x")));
        deadLetters.recordDead(exchange("{not an id}", null));
        verify(outbox, never()).recordAttempt(anyList(), anyString());
        verify(outbox, never()).markFailed(anyList(), any());
    }

    private static Exchange exchange(String actionId, Exception e) {
        Exchange ex = new DefaultExchange(new DefaultCamelContext());
        ex.setProperty(Exchange.EXCEPTION_CAUGHT, e);
        ex.getMessage().setBody("body");
        if (actionId != null) {
            ex.getMessage().setHeader(Queues.ACTION_IDS, actionId);
        }
        return ex;
    }
}
