package io.aftersaleshub.offer;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.aftersaleshub.dispatch.OutboxStore;
import io.aftersaleshub.dispatch.QueuePublisher;
import io.aftersaleshub.dispatch.Queues;
import io.aftersaleshub.event.EventStore;
import io.aftersaleshub.event.HubEvent;
import io.aftersaleshub.rules.ActiveRuleSet;
import io.aftersaleshub.rules.OfferEvaluator;
import io.aftersaleshub.rules.RuleSet;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The decide step, shared by the queue and the synchronous registration path: facts from PostgreSQL,
 * the active decision table, then guardrails in code. The decision and its actions are written in the
 * caller's transaction; actions reach their queue after commit.
 */
@Service("decisionService")
public class DecisionService {

    private final EventStore events;
    private final DecisionFactsLoader facts;
    private final DecisionStore decisions;
    private final OutboxStore outbox;
    private final ActiveRuleSet rules;
    private final QueuePublisher publisher;
    private final Clock clock;

    public DecisionService(EventStore events, DecisionFactsLoader facts, DecisionStore decisions, OutboxStore outbox,
                           ActiveRuleSet rules, QueuePublisher publisher, Clock clock) {
        this.events = events;
        this.facts = facts;
        this.decisions = decisions;
        this.outbox = outbox;
        this.rules = rules;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Decides a queued event once, however often it is delivered. */
    @Transactional
    public Optional<Decision> decideEvent(String eventId) {
        UUID id = UUID.fromString(eventId.trim());
        Optional<EventStore.StoredEvent> stored = events.lockForDecision(id);
        if (stored.isEmpty() || stored.get().status() != EventStore.Status.RECEIVED) {
            return Optional.empty();
        }
        Decision d = decide(stored.get().event());
        return Optional.of(d);
    }

    /** Decides for a stored, locked event inside the caller's transaction and marks it decided. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Decision decide(HubEvent event) {
        // PostgreSQL keeps microseconds; milliseconds make the answer equal to what is read back later
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        LocalDate today = LocalDate.ofInstant(now, clock.getZone());
        RuleSet ruleSet = rules.current();
        Moment moment = event.type().moment();
        Optional<DecisionFacts> found = facts.load(event.gtin(), event.serial());

        Decision decision;
        if (found.isEmpty()) {
            decision = none(event, moment, null, null, "unknown unit " + event.gtin() + "/" + event.serial(), ruleSet, now);
        } else if (found.get().ownerId() == null) {
            decision = none(event, moment, found.get().unitId(), null, "unit has no registered owner", ruleSet, now);
        } else if (moment.isOncePerOwnership() && decisions.offered(found.get().unitId(), found.get().ownerId(), moment)) {
            decision = none(event, moment, found.get().unitId(), found.get().ownerId(),
                    "this owner already got an offer at " + moment + " for this unit", ruleSet, now);
        } else {
            decision = choose(event, moment, found.get(), ruleSet, now, today);
        }
        decisions.insert(decision);
        List<String> actionIds = new ArrayList<>();
        if (decision.offer() != null && found.get().marketingConsent() && found.get().ownerEmail() != null) {
            actionIds.add(outbox.insert(decision.decisionId(), OutboxStore.Channel.EMAIL, found.get().ownerEmail()).toString());
        }
        events.markStatus(event.id(), EventStore.Status.DECIDED);
        publisher.afterCommit(Queues.EMAIL_ACTIONS, actionIds);
        return decision;
    }

    private Decision choose(HubEvent event, Moment moment, DecisionFacts f, RuleSet ruleSet, Instant now, LocalDate today) {
        OfferContext context = new OfferContext(moment.name(), f.productLine(), f.modelCode(), f.warrantyActive(today),
                f.unitAgeDays(today), f.ownerCountry());
        List<OfferCandidate> candidates = OfferEvaluator.evaluate(ruleSet, context);
        Map<String, DecisionFactsLoader.ItemInfo> items =
                facts.items(candidates.stream().map(OfferCandidate::sku).distinct().toList(), f.gtin());
        OfferGuardrails.Choice choice = OfferGuardrails.choose(candidates, new OfferGuardrails.Limits(
                items::containsKey, sku -> items.containsKey(sku) && items.get(sku).fits(), sku -> owns(f, items.get(sku))));
        String reason = choice.reason();
        if (choice.offer() != null && !f.marketingConsent()) {
            reason += "; no e-mail: owner gave no marketing consent";
        }
        if (choice.offer() == null) {
            return none(event, moment, f.unitId(), f.ownerId(), reason, ruleSet, now);
        }
        OfferCandidate c = choice.offer();
        DecisionFactsLoader.ItemInfo item = items.get(c.sku());
        Instant expiresAt = c.validHours() > 0 ? now.plus(c.validHours(), ChronoUnit.HOURS) : null;
        return new Decision(UUID.randomUUID(), event.id(), moment, f.unitId(), f.ownerId(),
                new Offer(c.sku(), item.type(), item.name(), c.discountPercent(), expiresAt),
                reason, ruleSet.version(), c.ruleName(), now);
    }

    /** Owning an item, or every item a bundle contains, is owning it. */
    private static boolean owns(DecisionFacts f, DecisionFactsLoader.ItemInfo item) {
        return item != null && (f.ownedSkus().contains(item.sku())
                || (!item.contents().isEmpty() && f.ownedSkus().containsAll(item.contents())));
    }

    private static Decision none(HubEvent event, Moment moment, Long unitId, UUID ownerId, String reason, RuleSet ruleSet,
                                 Instant now) {
        return new Decision(UUID.randomUUID(), event.id(), moment, unitId, ownerId, null, reason, ruleSet.version(), null, now);
    }
}
