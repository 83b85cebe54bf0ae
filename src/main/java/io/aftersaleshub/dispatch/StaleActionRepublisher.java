package io.aftersaleshub.dispatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox's safety net: actions committed to PostgreSQL whose queue message is missing (see
 * {@link OutboxStore#stale}) are claimed and published again. An action still waiting in this node's
 * publisher is not stale, so a burst is never re-sent wholesale; sinks are idempotent.
 */
@Component("staleActionRepublisher")
public class StaleActionRepublisher {

    private static final Logger log = LoggerFactory.getLogger(StaleActionRepublisher.class);
    private static final int BATCH = 500;
    private static final int ROUNDS = 20;

    private final OutboxStore outbox;
    private final QueuePublisher publisher;
    private final Duration after;
    private final TransactionTemplate transactions;

    public StaleActionRepublisher(OutboxStore outbox, QueuePublisher publisher, PlatformTransactionManager transactionManager,
                                  @Value("${hub.outbox.republish-after}") Duration after) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.outbox = outbox;
        this.publisher = publisher;
        this.after = after;
    }

    /** Publishes stale actions again, batch after batch while batches come back full; returns how many. */
    public int republish() {
        int total = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Integer n = transactions.execute(status -> republishBatch());
            total += n == null ? 0 : n;
            if (n == null || n < BATCH) {
                break;
            }
        }
        return total;
    }

    private int republishBatch() {
        List<OutboxStore.Routed> stale = outbox.stale(after, BATCH).stream().filter(a -> !publisher.inFlight(a.id())).toList();
        Map<String, List<UUID>> byChannel = new LinkedHashMap<>();
        stale.forEach(a -> byChannel.computeIfAbsent(a.channel(), k -> new ArrayList<>()).add(a.id()));
        byChannel.forEach(publisher::afterCommit);
        if (!stale.isEmpty()) {
            log.info("Republishing {} action(s) whose queue message was missing after {}", stale.size(), after);
        }
        return stale.size();
    }
}
