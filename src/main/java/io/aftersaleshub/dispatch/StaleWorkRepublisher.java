package io.aftersaleshub.dispatch;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.aftersaleshub.event.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox relay's safety net: work committed to PostgreSQL whose queue message was lost (a crash
 * between commit and send) is published again. Consumers are idempotent, so a second copy is harmless.
 */
@Component("staleWorkRepublisher")
public class StaleWorkRepublisher {

    private static final Logger log = LoggerFactory.getLogger(StaleWorkRepublisher.class);
    private static final int BATCH = 500;
    private static final int ROUNDS = 20;

    private final EventStore events;
    private final OutboxStore outbox;
    private final QueuePublisher publisher;
    private final Duration after;
    private final TransactionTemplate transactions;

    public StaleWorkRepublisher(EventStore events, OutboxStore outbox, QueuePublisher publisher,
                                PlatformTransactionManager transactionManager,
                                @Value("${hub.outbox.republish-after}") Duration after) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.events = events;
        this.outbox = outbox;
        this.publisher = publisher;
        this.after = after;
    }

    /**
     * Publishes again what is stale, batch after batch while batches come back full (after an outage
     * there may be much), at most {@link #ROUNDS} batches a call; returns how many items.
     */
    public int republish() {
        int total = 0;
        for (int round = 0; round < ROUNDS; round++) {
            int[] counts = transactions.execute(status -> republishBatch());
            total += counts[0] + counts[1];
            if (counts[0] < BATCH && counts[1] < BATCH) {
                break;
            }
        }
        return total;
    }

    /** One batch of each kind, claimed and handed to the publisher (after commit); returns {events, actions}. */
    private int[] republishBatch() {
        List<UUID> staleEvents = events.claimStale(after, BATCH);
        List<UUID> staleActions = outbox.claimStale(after, BATCH);
        publisher.afterCommit(Queues.EVENTS, staleEvents.stream().map(UUID::toString).toList());
        publisher.afterCommit(Queues.EMAIL_ACTIONS, staleActions.stream().map(UUID::toString).toList());
        if (!staleEvents.isEmpty() || !staleActions.isEmpty()) {
            log.info("Republishing {} event(s) and {} action(s) older than {}", staleEvents.size(), staleActions.size(), after);
        }
        return new int[] {staleEvents.size(), staleActions.size()};
    }
}
