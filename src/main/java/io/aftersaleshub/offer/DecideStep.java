package io.aftersaleshub.offer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.aftersaleshub.catalog.CatalogSnapshot;
import io.aftersaleshub.event.EventStore;
import io.aftersaleshub.event.HubEvent;
import io.aftersaleshub.identity.Gtin;
import io.aftersaleshub.identity.UnitStore;
import io.aftersaleshub.owner.OwnerDirectory;
import io.aftersaleshub.catalog.CatalogCache;
import io.aftersaleshub.rules.ActiveRuleSet;
import io.aftersaleshub.rules.OfferEvaluator;
import io.aftersaleshub.rules.OfferGuardrails;
import io.aftersaleshub.rules.RuleSet;
import io.aftersaleshub.rules.vocabulary.Moment;
import io.aftersaleshub.rules.vocabulary.OfferCandidate;
import io.aftersaleshub.rules.vocabulary.OfferFacts;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The decide step, shared by the batched event path and the synchronous registration: for a batch of
 * stored, locked events it loads units, owners, earlier owners, purchases and recent offers with one
 * statement each, takes the catalogue from memory, runs one rules session over all facts, applies the
 * guardrails in code ({@link OfferGuardrails}: compatible, not owned, consent, frequency cap, one per
 * event), then the holdout ({@link HoldoutGroup}), writes the decisions with their explanation with one
 * multi-row statement, marks the events decided and publishes {@link OffersDecided} so that actions are
 * written in the same transaction.
 *
 * <p>The frequency cap holds across concurrent batches (two decide workers, two hub nodes, a registration
 * next to a worker) because the batch locks its owners' rows ({@link OwnerDirectory#lock}) before it counts
 * their delivered offers: a second transaction about the same owner waits for the first to commit and then
 * counts its offers too. A unique key cannot express "at most N in any sliding window", and the lock costs
 * one statement per batch and no writes; owners are locked in one statement in a fixed order, so
 * batches never deadlock on each other. Inside one batch the step counts what it delivers as it goes.
 */
@Service
public class DecideStep {

    private final UnitStore units;
    private final OwnerDirectory owners;
    private final CatalogCache catalog;
    private final ActiveRuleSet rules;
    private final DecisionStore decisions;
    private final EventStore events;
    private final ApplicationEventPublisher publisher;
    private final OfferSettings settings;
    private final OfferApiSettings window;
    private final Clock clock;

    public DecideStep(UnitStore units, OwnerDirectory owners, CatalogCache catalog, ActiveRuleSet rules,
                      DecisionStore decisions, EventStore events, ApplicationEventPublisher publisher,
                      OfferSettings settings, OfferApiSettings window, Clock clock) {
        this.units = units;
        this.owners = owners;
        this.catalog = catalog;
        this.rules = rules;
        this.decisions = decisions;
        this.events = events;
        this.publisher = publisher;
        this.settings = settings;
        this.window = window;
        this.clock = clock;
    }

    /** One event of the batch on its way through the step. */
    private static final class Work {
        final HubEvent event;
        final Moment moment;
        UnitStore.UnitFacts unit;
        OwnerDirectory.CurrentOwner owner;
        CatalogSnapshot.Model model;
        OfferFacts facts;
        Set<String> owned = Set.of();
        String noOffer;

        Work(HubEvent event, Moment moment) {
            this.event = event;
            this.moment = moment;
        }

        /** The same event and facts with no proposals yet, for evaluating another rule set. */
        Work copyForSimulation() {
            Work w = new Work(event, moment);
            w.unit = unit;
            w.owner = owner;
            w.model = model;
            w.owned = owned;
            w.noOffer = noOffer;
            w.facts = facts == null ? null : new OfferFacts(facts.values());
            return w;
        }
    }

    /** A batch's events with their facts, and the delivered offers of their owners (for the frequency cap). */
    private record Prepared(List<Work> work, Map<UUID, DecisionStore.Delivered> delivered) {
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public List<Decision> decide(List<HubEvent> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        // PostgreSQL keeps microseconds; milliseconds make the answer equal to what is read back later
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        RuleSet ruleSet = rules.current();
        CatalogSnapshot cat = catalog.current();

        Prepared prepared = prepare(batch, cat, now, true);
        List<Work> work = prepared.work();
        Map<UUID, DecisionStore.Delivered> delivered = prepared.delivered();
        Set<DecisionStore.OfferKey> offered = new HashSet<>(decisions.offered(work.stream()
                .filter(w -> w.owner != null && w.moment.isOncePerOwnership()).map(DecideStep::offerKey).toList()));
        // the parts page decides once per owner, unit and window: a view inside the window of an earlier decision
        // (by the offer API or by an event, also one of this batch) is recorded without a second offer
        Map<DecisionStore.OfferKey, Decision> recentParts = new HashMap<>(decisions.latestAfter(work.stream()
                .filter(w -> w.owner != null && w.moment == Moment.PARTS_VIEWED).map(DecideStep::offerKey).distinct().toList(),
                now.minus(window.window())));
        List<OfferFacts> toEvaluate = work.stream().filter(w -> w.facts != null).map(w -> w.facts).toList();
        OfferEvaluator.evaluate(ruleSet, toEvaluate);

        List<Decision> out = new ArrayList<>(work.size());
        List<OfferDecided> published = new ArrayList<>(work.size());
        for (Work w : work) {
            boolean partsPage = w.owner != null && w.moment == Moment.PARTS_VIEWED;
            Decision earlier = partsPage ? recentParts.get(offerKey(w)) : null;
            Decision d = earlier != null
                    ? none(w, w.unit.id(), w.owner.ownerId(), "the parts page was decided for this owner and unit within "
                            + window.window() + " (decision " + earlier.decisionId() + ")", ruleSet, now,
                            w.facts == null ? Explanation.NONE : new Explanation(w.facts.values(), List.of(), List.of()))
                    : choose(w, offered, delivered, cat, ruleSet, now);
            if (partsPage && earlier == null) {
                recentParts.put(offerKey(w), d);
            }
            out.add(d);
            published.add(snapshot(d, w));
        }
        decisions.insertAll(out);
        events.markDecided(batch.stream().map(HubEvent::id).toList());
        publisher.publishEvent(new OffersDecided(published));
        return out;
    }

    /**
     * Loads units, owners, owned SKUs and delivered offers for a batch with one statement each and builds each
     * event's facts (null facts: no offer, {@code noOffer} says why). {@code lock} takes the owners' row locks
     * that keep the frequency cap across concurrent batches; a simulation reads without them.
     */
    private Prepared prepare(List<HubEvent> batch, CatalogSnapshot cat, Instant now, boolean lock) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<Work> work = batch.stream().map(e -> new Work(e, Moment.of(e.type())
                .orElseThrow(() -> new IllegalStateException("no moment for event type " + e.type())))).toList();
        Map<String, UnitStore.UnitFacts> unitsByKey = units.findAll(
                batch.stream().map(e -> new String[] {e.gtin(), e.serial()}).toList());
        for (Work w : work) {
            w.unit = unitsByKey.get(Gtin.key(w.event.gtin(), w.event.serial()));
            w.model = w.unit == null ? null : cat.model(w.unit.gtin()).orElse(null);
        }
        Map<Long, OwnerDirectory.CurrentOwner> ownersByUnit = owners.currentOwners(
                work.stream().filter(w -> w.unit != null).map(w -> w.unit.id()).distinct().toList());
        for (Work w : work) {
            w.owner = w.unit == null ? null : ownersByUnit.get(w.unit.id());
        }
        List<UUID> ownerIds = work.stream().filter(w -> w.owner != null).map(w -> w.owner.ownerId()).distinct().toList();
        if (lock) {
            // first the lock, then the count of delivered offers: see the class comment
            owners.lock(ownerIds);
        }
        Map<UUID, DecisionStore.Delivered> delivered = new HashMap<>(decisions.delivered(ownerIds,
                now.minus(Duration.ofDays(30)), now.minus(settings.cap().window())));
        Map<UUID, Set<String>> ownedByOwner = owners.ownedSkus(ownerIds);
        Set<Long> earlierOwners = owners.unitsWithEarlierOwners(
                work.stream().filter(w -> w.owner != null).map(w -> w.unit.id()).distinct().toList());

        for (Work w : work) {
            if (w.unit == null || w.model == null) {
                w.noOffer = "unknown unit " + w.event.gtin() + "/" + w.event.serial();
            } else if (w.owner == null) {
                w.noOffer = "unit has no registered owner";
            } else {
                w.owned = ownedByOwner.getOrDefault(w.owner.ownerId(), Set.of());
                w.facts = new OfferFacts(DecisionFactsAssembler.facts(w.moment, w.event, w.unit, w.owner, w.model, w.owned,
                        cat, today, earlierOwners.contains(w.unit.id()),
                        delivered.getOrDefault(w.owner.ownerId(), DecisionStore.Delivered.NONE).last30Days()));
            }
        }
        return new Prepared(work, delivered);
    }

    /**
     * What each rule set would decide for these events with today's facts, writing nothing (the simulation):
     * one list of decisions per rule set, in event order. The once-per-ownership check is left out, so that
     * only the rules make a difference.
     */
    @Transactional(readOnly = true)
    public List<List<Decision>> dryRun(List<HubEvent> events, List<RuleSet> ruleSets) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        CatalogSnapshot cat = catalog.current();
        Prepared prepared = prepare(events, cat, now, false);
        List<List<Decision>> out = new ArrayList<>();
        for (RuleSet ruleSet : ruleSets) {
            List<Work> own = prepared.work().stream().map(Work::copyForSimulation).toList();
            OfferEvaluator.evaluate(ruleSet, own.stream().filter(w -> w.facts != null).map(w -> w.facts).toList());
            Map<UUID, DecisionStore.Delivered> delivered = new HashMap<>(prepared.delivered());
            out.add(own.stream().map(w -> choose(w, new HashSet<>(), delivered, cat, ruleSet, now)).toList());
        }
        return out;
    }

    private Decision choose(Work w, Set<DecisionStore.OfferKey> offered, Map<UUID, DecisionStore.Delivered> delivered,
                            CatalogSnapshot cat, RuleSet ruleSet, Instant now) {
        Long unitId = w.unit == null ? null : w.unit.id();
        UUID ownerId = w.owner == null ? null : w.owner.ownerId();
        if (w.noOffer != null) {
            return none(w, unitId, ownerId, w.noOffer, ruleSet, now, Explanation.NONE);
        }
        // once per ownership, also when two such events meet in one batch
        if (w.moment.isOncePerOwnership() && offered.contains(offerKey(w))) {
            List<Explanation.Candidate> candidates = w.facts.candidates().stream().map(c ->
                    new Explanation.Candidate(c.sku(), c.ruleName(), c.priority(), ONCE_PER_OWNERSHIP)).toList();
            return none(w, unitId, ownerId, "this owner already got an offer at " + w.moment + " for this unit", ruleSet, now,
                    new Explanation(w.facts.values(), candidates, List.of()));
        }
        String gtin = w.unit.gtin();
        DecisionStore.Delivered sent = delivered.getOrDefault(ownerId, DecisionStore.Delivered.NONE);
        OfferGuardrails.Choice choice = OfferGuardrails.choose(w.facts.candidates(), new OfferGuardrails.Limits(
                sku -> cat.item(sku).isPresent(),
                sku -> cat.item(sku).map(i -> i.fits(gtin)).orElse(false),
                sku -> cat.item(sku).map(i -> w.owned.contains(i.sku())
                        || (!i.contents().isEmpty() && w.owned.containsAll(i.contents()))).orElse(false),
                w.owner.marketingConsent(),
                sent.inCapWindow() >= settings.cap().maxOffers()));
        Explanation explanation = new Explanation(w.facts.values(),
                choice.candidates().stream().map(r -> new Explanation.Candidate(r.candidate().sku(), r.candidate().ruleName(),
                        r.candidate().priority(), r.removedBy() == null ? null : r.removedBy().name())).toList(),
                choice.applied().stream().map(a -> new Explanation.GuardrailStep(a.guardrail().name(), a.removed(), a.note()))
                        .toList());
        if (choice.offer() == null) {
            if (choice.capped()) {
                return new Decision(UUID.randomUUID(), w.event.id(), w.moment, unitId, ownerId, DecisionStatus.CAPPED, null,
                        "frequency cap: the owner already got " + OfferSettings.Cap.offers(sent.inCapWindow()) + " in the last "
                                + settings.cap().span() + " (" + settings.cap().describe() + ")", ruleSet.version(), null, now,
                        explanation);
            }
            return none(w, unitId, ownerId, choice.reason(), ruleSet, now, explanation);
        }
        if (w.moment.isOncePerOwnership()) {
            offered.add(offerKey(w));
        }
        OfferCandidate c = choice.offer();
        CatalogSnapshot.Item item = cat.item(c.sku()).orElseThrow();
        Instant expiresAt = c.validHours() > 0 ? now.plus(c.validHours(), ChronoUnit.HOURS) : null;
        Offer offer = new Offer(c.sku(), item.type(), item.name(), c.discountPercent(), expiresAt);
        double share = settings.holdout().shareOf(w.moment);
        if (HoldoutGroup.isHeldOut(ownerId, w.moment, share)) {
            return new Decision(UUID.randomUUID(), w.event.id(), w.moment, unitId, ownerId, DecisionStatus.HOLDOUT, offer,
                    "holdout: the owner is in the " + Math.round(share * 1000) / 10.0 + " % held out at " + w.moment
                            + "; nothing is delivered (" + choice.reason() + ")", ruleSet.version(), c.ruleName(), now,
                    explanation);
        }
        delivered.put(ownerId, new DecisionStore.Delivered(sent.last30Days() + 1, sent.inCapWindow() + 1));
        return new Decision(UUID.randomUUID(), w.event.id(), w.moment, unitId, ownerId, DecisionStatus.OFFERED, offer,
                choice.reason(), ruleSet.version(), c.ruleName(), now, explanation);
    }

    /** What removes the candidates of a second event of a once-per-ownership moment. */
    static final String ONCE_PER_OWNERSHIP = "ONCE_PER_OWNERSHIP";

    private static DecisionStore.OfferKey offerKey(Work w) {
        return new DecisionStore.OfferKey(w.unit.id(), w.owner.ownerId(), w.moment);
    }

    private static Decision none(Work w, Long unitId, UUID ownerId, String reason, RuleSet ruleSet, Instant now,
                                 Explanation explanation) {
        return new Decision(UUID.randomUUID(), w.event.id(), w.moment, unitId, ownerId, DecisionStatus.NO_OFFER, null, reason,
                ruleSet.version(), null, now, explanation);
    }

    private static OfferDecided snapshot(Decision d, Work w) {
        OfferDecided.Recipient recipient = w.owner == null ? null : new OfferDecided.Recipient(w.owner.ownerId(),
                w.owner.email(), w.owner.name(), w.owner.locale(), w.owner.country(), w.owner.marketingConsent());
        OfferDecided.UnitRef unit = new OfferDecided.UnitRef(w.event.gtin(), w.event.serial(),
                w.model == null ? null : w.model.modelCode());
        return new OfferDecided(d.decisionId(), d.eventId(), d.moment(), d.status(), d.deliveredOffer(), recipient, unit,
                d.decidedAt());
    }
}
