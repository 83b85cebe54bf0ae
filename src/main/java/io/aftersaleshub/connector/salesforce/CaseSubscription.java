package io.aftersaleshub.connector.salesforce;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import org.apache.camel.CamelContext;
import org.apache.camel.component.salesforce.PubSubApiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Where the Case subscription starts from, decided from the checkpoint whenever route {@code salesforce-in-cases}
 * is not running (after the hub started, every {@code HUB_SALESFORCE_REREAD_PERIOD} through route
 * {@code salesforce-in-gap-fill}, and after Salesforce refused the replay id):
 * <ul>
 * <li>no checkpoint (first start): from the latest event on; the checkpoint's time is now;</li>
 * <li>a replay id younger than {@code HUB_SALESFORCE_REPLAY_RETENTION} (72 h): replayed from it;</li>
 * <li>otherwise (the replay id expired, was refused, or a catch-up left none): the cases closed since the
 * checkpoint's time are read with SOQL and ingested, then the subscription resumes from the latest event.</li>
 * </ul>
 * With {@code HUB_SALESFORCE_SUBSCRIBE=false} no subscription runs: each round is a catch-up, so the hub polls.
 */
@Component
class CaseSubscription {

    static final String ROUTE_ID = "salesforce-in-cases";

    private static final Logger log = LoggerFactory.getLogger(CaseSubscription.class);

    private final SalesforceProperties settings;
    private final ReplayCheckpoints checkpoints;
    private final CaseRereads rereads;
    private final CamelContext camel;
    private final Clock clock;
    /** The replay id the running subscription started from (null: from the latest event). */
    private volatile String subscribedFrom;
    private final ExecutorService restarts = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "salesforce-replay-fallback");
        t.setDaemon(true);
        return t;
    });

    CaseSubscription(SalesforceProperties settings, ReplayCheckpoints checkpoints, CaseRereads rereads, CamelContext camel, Clock clock) {
        this.settings = settings;
        this.checkpoints = checkpoints;
        this.rereads = rereads;
        this.camel = camel;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onReady() {
        if (!settings.configured()) {
            log.info("Salesforce is not configured (HUB_SALESFORCE_LOGIN_URL, HUB_SALESFORCE_CLIENT_ID, HUB_SALESFORCE_CLIENT_SECRET): "
                    + "routes {} and salesforce-in-gap-fill are not started", ROUTE_ID);
            return;
        }
        try {
            resume();
        } catch (RuntimeException e) {
            log.warn("Salesforce subscription not started yet, tried again every {}: {}", settings.rereadPeriod(), e.toString());
        }
    }

    /** Where to start: catch up by query since a time first (or not), then subscribe from a preset and replay id. */
    record Start(Instant catchUpSince, String preset, String replayId) {
    }

    /** The start position for a checkpoint (see the class comment). */
    static Start startFor(Optional<ReplayCheckpoints.Checkpoint> checkpoint, Instant now, java.time.Duration retention) {
        if (checkpoint.isEmpty()) {
            return new Start(null, "LATEST", null);
        }
        ReplayCheckpoints.Checkpoint c = checkpoint.get();
        if (c.replayId() != null && c.changedAt().isAfter(now.minus(retention))) {
            return new Start(null, "CUSTOM", c.replayId());
        }
        return new Start(c.changedAt(), "LATEST", null);
    }

    /** Starts the subscription where the checkpoint says, catching up by query first when it must; does nothing while it runs. */
    synchronized Start resume() {
        if (camel.getRoute(ROUTE_ID) != null) {
            return null;
        }
        Optional<ReplayCheckpoints.Checkpoint> checkpoint = checkpoints.find(settings.topic());
        Instant now = clock.instant();
        Start start = startFor(checkpoint, now, settings.replayRetention());
        if (!settings.subscribe() && checkpoint.isPresent()) {
            start = new Start(checkpoint.get().changedAt(), "LATEST", null); // polling: every round is a catch-up
        }
        if (checkpoint.isEmpty()) {
            checkpoints.save(settings.topic(), null, now);
        }
        if (start.catchUpSince() != null) {
            rereads.catchUpSince(start.catchUpSince());
        }
        subscribe(start.preset(), start.replayId());
        return start;
    }

    /**
     * Salesforce refused the replay id (expired or corrupt): the checkpoint keeps its time but loses the id, the
     * subscription stops, and {@link #resume()} catches up by query and subscribes from the latest event, in the
     * background (this is called on the component's thread).
     */
    void replayIdRefused(String replayId) {
        if (replayId == null || !replayId.equals(subscribedFrom)) {
            // a stopped consumer's client retries on its own (camel-salesforce 4.17): its reports are not about this subscription
            log.debug("Salesforce refused replay id {}, which the running subscription did not start from", replayId);
            return;
        }
        log.warn("Salesforce refused replay id {}: catching up the cases closed since the checkpoint by query, then resuming from the latest event",
                replayId);
        restarts.submit(() -> {
            try {
                removeRoute();
                checkpoints.forgetReplayId(settings.topic());
                resume();
            } catch (Exception e) {
                log.warn("Salesforce catch-up after a refused replay id failed, tried again every {}: {}", settings.rereadPeriod(), e.toString());
            }
        });
    }

    private void subscribe(String preset, String replayId) {
        if (!settings.subscribe()) {
            return;
        }
        try {
            subscribedFrom = replayId;
            camel.addRoutes(new CaseChangeRoute(settings.topic(), preset, replayId));
            if (settings.pubSubPlaintext() && camel.getRoute(ROUTE_ID).getConsumer() instanceof PubSubApiConsumer consumer) {
                consumer.setUsePlainTextConnection(true); // a local test peer without TLS
            }
            camel.getRouteController().startRoute(ROUTE_ID);
        } catch (Exception e) {
            removeRoute(); // so that the next round tries again (Salesforce unreachable, login refused)
            throw new IllegalStateException("route " + ROUTE_ID + " did not start: " + e.getMessage(), e);
        }
        log.info("Salesforce subscription to {} started ({}{})", settings.topic(), preset, replayId == null ? "" : " after replay id " + replayId);
    }

    private void removeRoute() {
        try {
            if (camel.getRoute(ROUTE_ID) != null) {
                camel.getRouteController().stopRoute(ROUTE_ID);
                camel.removeRoute(ROUTE_ID);
            }
        } catch (Exception e) {
            log.warn("Route {} could not be removed: {}", ROUTE_ID, e.toString());
        }
    }

    @PreDestroy
    void stop() {
        restarts.shutdownNow();
    }
}
