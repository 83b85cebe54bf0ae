package io.aftersaleshub.dispatch;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.aftersaleshub.event.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The outbox relay's safety net: work committed to PostgreSQL whose queue message was lost (a crash
 * between commit and send) is published again. Consumers are idempotent, so a second copy is harmless.
 */
@Component("staleWorkRepublisher")
public class StaleWorkRepublisher {

    private static final Logger log = LoggerFactory.getLogger(StaleWorkRepublisher.class);
    private static final int BATCH = 500;

    private final EventStore events;
    private final OutboxStore outbox;
    private final QueuePublisher publisher;
    private final Duration after;

    public StaleWorkRepublisher(EventStore events, OutboxStore outbox, QueuePublisher publisher,
                                @Value("${hub.outbox.republish-after}") Duration after) {
        this.events = events;
        this.outbox = outbox;
        this.publisher = publisher;
        this.after = after;
    }

    /** Returns how many items were published again. */
    @Transactional
    public int republish() {
        List<UUID> staleEvents = events.claimStale(after, BATCH);
        List<UUID> staleActions = outbox.claimStale(after, BATCH);
        publisher.afterCommit(Queues.EVENTS, staleEvents.stream().map(UUID::toString).toList());
        publisher.afterCommit(Queues.EMAIL_ACTIONS, staleActions.stream().map(UUID::toString).toList());
        if (!staleEvents.isEmpty() || !staleActions.isEmpty()) {
            log.info("Republishing {} event(s) and {} action(s) older than {}", staleEvents.size(), staleActions.size(), after);
        }
        return staleEvents.size() + staleActions.size();
    }
}
