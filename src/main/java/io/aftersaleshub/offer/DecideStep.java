package io.aftersaleshub.offer;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
 * stored, locked events it loads units, owners and purchases with one statement each, takes the catalogue
 * from memory, runs one rules session over all facts, applies the guardrails in code, writes the decisions
 * with one multi-row statement, marks the events decided and publishes {@link OffersDecided} so that
 * actions are written in the same transaction.
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
    private final Clock clock;

    public DecideStep(UnitStore units, OwnerDirectory owners, CatalogCache catalog, ActiveRuleSet rules,
                      DecisionStore decisions, EventStore events, ApplicationEventPublisher publisher, Clock clock) {
        this.units = units;
        this.owners = owners;
        this.catalog = catalog;
        this.rules = rules;
        this.decisions = decisions;
        this.events = events;
        this.publisher = publisher;
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

    @Transactional(propagation = Propagation.MANDATORY)
    public List<Decision> decide(List<HubEvent> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        // PostgreSQL keeps microseconds; milliseconds make the answer equal to what is read back later
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        RuleSet ruleSet = rules.current();
        CatalogSnapshot cat = catalog.current();

        List<Work> work = prepare(batch, cat, today);
        Set<DecisionStore.OfferKey> offered = new HashSet<>(decisions.offered(work.stream()
                .filter(w -> w.owner != null && w.moment.isOncePerOwnership()).map(DecideStep::offerKey).toList()));
        List<OfferFacts> toEvaluate = work.stream().filter(w -> w.facts != null).map(w -> w.facts).toList();
        OfferEvaluator.evaluate(ruleSet, toEvaluate);

        List<Decision> out = new ArrayList<>(work.size());
        List<OfferDecided> published = new ArrayList<>(work.size());
        for (Work w : work) {
            Decision d = choose(w, offered, cat, ruleSet, now);
            out.add(d);
            published.add(snapshot(d, w));
        }
        decisions.insertAll(out);
        events.markDecided(batch.stream().map(HubEvent::id).toList());
        publisher.publishEvent(new OffersDecided(published));
        return out;
    }

    /** Loads units, owners and purchases for a batch and builds each event's facts (null facts: no offer, {@code noOffer} says why). */
    private List<Work> prepare(List<HubEvent> batch, CatalogSnapshot cat, LocalDate today) {
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
        Map<UUID, Set<String>> ownedByOwner = owners.ownedSkus(
                work.stream().filter(w -> w.owner != null).map(w -> w.owner.ownerId()).distinct().toList());

        for (Work w : work) {
            if (w.unit == null || w.model == null) {
                w.noOffer = "unknown unit " + w.event.gtin() + "/" + w.event.serial();
            } else if (w.owner == null) {
                w.noOffer = "unit has no registered owner";
            } else {
                w.owned = ownedByOwner.getOrDefault(w.owner.ownerId(), Set.of());
                w.facts = new OfferFacts(DecisionFactsAssembler.facts(w.moment, w.event, w.unit, w.owner, w.model, w.owned,
                        cat, today));
            }
        }
        return work;
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
        List<Work> work = prepare(events, cat, LocalDate.ofInstant(now, ZoneOffset.UTC));
        List<List<Decision>> out = new ArrayList<>();
        for (RuleSet ruleSet : ruleSets) {
            List<Work> own = work.stream().map(w -> w.copyForSimulation()).toList();
            OfferEvaluator.evaluate(ruleSet, own.stream().filter(w -> w.facts != null).map(w -> w.facts).toList());
            out.add(own.stream().map(w -> choose(w, new HashSet<>(), cat, ruleSet, now)).toList());
        }
        return out;
    }

    private static Decision choose(Work w, Set<DecisionStore.OfferKey> offered, CatalogSnapshot cat, RuleSet ruleSet,
                                   Instant now) {
        Long unitId = w.unit == null ? null : w.unit.id();
        UUID ownerId = w.owner == null ? null : w.owner.ownerId();
        if (w.noOffer != null) {
            return none(w, unitId, ownerId, w.noOffer, ruleSet, now);
        }
        // once per ownership, also when two such events meet in one batch
        if (w.moment.isOncePerOwnership() && offered.contains(offerKey(w))) {
            return none(w, unitId, ownerId, "this owner already got an offer at " + w.moment + " for this unit", ruleSet, now);
        }
        String gtin = w.unit.gtin();
        OfferGuardrails.Choice choice = OfferGuardrails.choose(w.facts.candidates(), new OfferGuardrails.Limits(
                sku -> cat.item(sku).isPresent(),
                sku -> cat.item(sku).map(i -> i.fits(gtin)).orElse(false),
                sku -> cat.item(sku).map(i -> w.owned.contains(i.sku())
                        || (!i.contents().isEmpty() && w.owned.containsAll(i.contents()))).orElse(false)));
        if (choice.offer() == null) {
            return none(w, unitId, ownerId, choice.reason(), ruleSet, now);
        }
        String reason = choice.reason();
        if (!w.owner.marketingConsent()) {
            reason += "; no e-mail: owner gave no marketing consent";
        }
        if (w.moment.isOncePerOwnership()) {
            offered.add(offerKey(w));
        }
        OfferCandidate c = choice.offer();
        CatalogSnapshot.Item item = cat.item(c.sku()).orElseThrow();
        Instant expiresAt = c.validHours() > 0 ? now.plus(c.validHours(), ChronoUnit.HOURS) : null;
        return new Decision(UUID.randomUUID(), w.event.id(), w.moment, unitId, ownerId,
                new Offer(c.sku(), item.type(), item.name(), c.discountPercent(), expiresAt), reason, ruleSet.version(),
                c.ruleName(), now);
    }

    private static DecisionStore.OfferKey offerKey(Work w) {
        return new DecisionStore.OfferKey(w.unit.id(), w.owner.ownerId(), w.moment);
    }

    private static Decision none(Work w, Long unitId, UUID ownerId, String reason, RuleSet ruleSet, Instant now) {
        return new Decision(UUID.randomUUID(), w.event.id(), w.moment, unitId, ownerId, null, reason, ruleSet.version(), null, now);
    }

    private static OfferDecided snapshot(Decision d, Work w) {
        OfferDecided.Recipient recipient = w.owner == null ? null : new OfferDecided.Recipient(w.owner.ownerId(),
                w.owner.email(), w.owner.name(), w.owner.locale(), w.owner.country(), w.owner.marketingConsent());
        OfferDecided.UnitRef unit = new OfferDecided.UnitRef(w.event.gtin(), w.event.serial(),
                w.model == null ? null : w.model.modelCode());
        return new OfferDecided(d.decisionId(), d.eventId(), d.moment(), d.offer(), recipient, unit, d.decidedAt());
    }
}
