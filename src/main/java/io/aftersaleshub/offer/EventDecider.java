package io.aftersaleshub.offer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.aftersaleshub.event.EventStore;
import io.aftersaleshub.event.EventsReceived;
import io.aftersaleshub.event.HubEvent;
import io.aftersaleshub.platform.DatabaseUnavailable;
import io.aftersaleshub.platform.PersonalDataMask;
import io.aftersaleshub.platform.WorkerThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decides stored events in micro-batches: each worker claims up to a batch of waiting events from
 * PostgreSQL ({@code FOR UPDATE SKIP LOCKED}, so hub nodes share the work), runs the decide step and
 * commits once. When a batch fails, its events are decided one by one, each in its own transaction, and
 * the one that fails is parked as FAILED with its error; the others are decided exactly once. A batch that
 * fails because the database went away is not split: its events stay waiting until the database is back.
 */
@Component
public class EventDecider implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventDecider.class);

    private final EventStore events;
    private final DecideStep step;
    private final DecideSettings settings;
    private final TransactionTemplate transactions;
    private final Object signal = new Object();
    private boolean signalled;
    private volatile boolean running;
    private WorkerThreads workers;

    public EventDecider(EventStore events, DecideStep step, DecideSettings settings, PlatformTransactionManager tm) {
        this.events = events;
        this.step = step;
        this.settings = settings;
        this.transactions = new TransactionTemplate(tm);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void onEventsReceived(EventsReceived received) {
        wake();
    }

    /** Makes idle workers look for work now. */
    public void wake() {
        synchronized (signal) {
            signalled = true;
            signal.notifyAll();
        }
    }

    /** Decides one batch; returns how many events it claimed. */
    int decideBatch() {
        List<UUID> claimed = new ArrayList<>();
        try {
            Integer n = transactions.execute(status -> {
                List<HubEvent> batch = events.claimReceived(settings.batchSize());
                batch.forEach(e -> claimed.add(e.id()));
                step.decide(batch);
                return batch.size();
            });
            return n == null ? 0 : n;
        } catch (RuntimeException e) {
            if (claimed.isEmpty() || DatabaseUnavailable.in(e)) {
                throw e; // the claims rolled back: the events wait, RECEIVED, for the database to come back
            }
            log.warn("A batch of {} events failed ({}); deciding them one by one", claimed.size(), e.toString());
            claimed.forEach(this::decideAlone);
            return claimed.size();
        }
    }

    private void decideAlone(UUID id) {
        try {
            transactions.executeWithoutResult(status -> step.decide(events.lockReceived(List.of(id))));
        } catch (RuntimeException e) {
            if (DatabaseUnavailable.in(e)) {
                throw e; // not this event's fault: it stays RECEIVED and is decided when the database is back
            }
            String error = PersonalDataMask.emails(e.getClass().getSimpleName() + ": " + e.getMessage());
            log.error("Event {} cannot be decided and is parked as FAILED: {}", id, error, e);
            transactions.executeWithoutResult(status -> events.markFailed(id, error));
        }
    }

    private void work() {
        while (running) {
            try {
                if (decideBatch() < settings.batchSize()) {
                    idle();
                }
            } catch (RuntimeException e) { // the database may be down: keep the worker, try again later
                log.warn("Deciding events failed; trying again in {}: {}", settings.poll(), e.toString());
                idle();
            }
        }
    }

    private void idle() {
        synchronized (signal) {
            if (!signalled && running) {
                try {
                    signal.wait(settings.poll().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            signalled = false;
        }
    }

    @Override
    public void start() {
        running = true;
        workers = WorkerThreads.start("hub-decide", settings.workers(), this::work);
    }

    @Override
    public void stop() {
        running = false;
        wake();
        workers.join(Duration.ofSeconds(10));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // stops before the queue publisher (which carries its actions), after the web server
        return Integer.MAX_VALUE - 1500;
    }
}
