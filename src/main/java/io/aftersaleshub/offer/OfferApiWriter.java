package io.aftersaleshub.offer;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.aftersaleshub.event.EventStore;
import io.aftersaleshub.event.HubEvent;
import io.aftersaleshub.identity.UnitStore;
import io.aftersaleshub.owner.OwnerDirectory;
import io.aftersaleshub.platform.GroupCommitWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit for the offer API's new decisions: request threads hand over the (unit, owner, moment) they
 * need a decision for and wait; a writer takes everything waiting (up to {@link #MAX_BATCH}) into one
 * transaction that locks the keys' windows, reads again which of them got a decision meanwhile (on any
 * node), stores one event per remaining key, runs one decide step over them and commits once. A busy page
 * burst thus costs a few statements per batch, not per call. If a batch fails, its keys are decided one
 * by one so that one bad key fails alone.
 */
@Component
class OfferApiWriter extends GroupCommitWriter<OfferApiWriter.Waiting> {

    private static final Logger log = LoggerFactory.getLogger(OfferApiWriter.class);
    static final int MAX_BATCH = 200;
    static final int WRITERS = 2;

    /** A call waiting for the decision of its key. */
    record Waiting(DecisionStore.OfferKey key, UnitStore.Unit unit, OwnerDirectory.CurrentOwner owner,
                   CompletableFuture<Decision> decision) {
    }

    private final EventStore events;
    private final DecideStep decide;
    private final DecisionStore decisions;
    private final OfferApiSettings settings;
    private final TransactionTemplate transactions;
    private final Clock clock;

    OfferApiWriter(EventStore events, DecideStep decide, DecisionStore decisions, OfferApiSettings settings,
                   PlatformTransactionManager tm, Clock clock) {
        super("hub-offer-api-writer", WRITERS, MAX_BATCH);
        this.events = events;
        this.decide = decide;
        this.decisions = decisions;
        this.settings = settings;
        this.transactions = new TransactionTemplate(tm);
        this.clock = clock;
    }

    CompletableFuture<Decision> submit(DecisionStore.OfferKey key, UnitStore.Unit unit, OwnerDirectory.CurrentOwner owner) {
        CompletableFuture<Decision> decision = new CompletableFuture<>();
        if (!offer(new Waiting(key, unit, owner, decision))) {
            decision.completeExceptionally(new IllegalStateException("the hub is shutting down"));
        }
        return decision;
    }

    @Override
    protected void write(List<Waiting> taken) {
        Map<DecisionStore.OfferKey, List<Waiting>> byKey = new LinkedHashMap<>();
        taken.forEach(w -> byKey.computeIfAbsent(w.key(), k -> new ArrayList<>()).add(w));
        try {
            Map<DecisionStore.OfferKey, Decision> decided = transactions.execute(status -> decideAll(byKey));
            byKey.forEach((key, calls) -> calls.forEach(w -> w.decision().complete(decided.get(key))));
        } catch (RuntimeException e) {
            if (byKey.size() == 1) {
                taken.forEach(w -> w.decision().completeExceptionally(e));
                return;
            }
            log.warn("A batch of {} offer API decisions failed ({}); deciding them one by one", byKey.size(), e.toString());
            byKey.values().forEach(this::write);
        }
    }

    /** In one transaction: the window's decision for every key, made now for the keys that have none. */
    private Map<DecisionStore.OfferKey, Decision> decideAll(Map<DecisionStore.OfferKey, List<Waiting>> byKey) {
        decisions.lockWindows(byKey.keySet());
        // after the locks: a decision committed by a call that held one is visible now
        Instant windowStart = clock.instant().minus(settings.window());
        Map<DecisionStore.OfferKey, Decision> out = new HashMap<>(decisions.latestAfter(byKey.keySet(), windowStart));
        List<HubEvent> fresh = new ArrayList<>();
        Map<UUID, DecisionStore.OfferKey> keyOfEvent = new HashMap<>();
        byKey.forEach((key, calls) -> {
            if (!out.containsKey(key)) {
                Waiting w = calls.get(0);
                UUID id = UUID.randomUUID();
                fresh.add(new HubEvent(id, key.moment().eventType(), OfferApi.SOURCE, key.moment() + ":" + id, clock.instant(),
                        w.unit().gtin(), w.unit().serial(), w.owner().email(), Map.of()));
                keyOfEvent.put(id, key);
            }
        });
        events.insertAll(fresh);
        for (Decision d : decide.decide(fresh)) {
            out.put(keyOfEvent.get(d.eventId()), d);
        }
        return out;
    }
}
