package io.aftersaleshub.offer;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import io.aftersaleshub.event.EventStore;
import io.aftersaleshub.event.HubEvent;
import io.aftersaleshub.rules.ActiveRuleSet;
import io.aftersaleshub.rules.OfferEvaluator;
import io.aftersaleshub.rules.OfferGuardrails;
import io.aftersaleshub.rules.RuleSet;
import io.aftersaleshub.rules.vocabulary.FactValues;
import io.aftersaleshub.rules.vocabulary.OfferFacts;
import io.aftersaleshub.rules.vocabulary.Moment;
import org.springframework.stereotype.Service;

/**
 * What a candidate rule set would decide next to the active one, for recorded events or for one unit at a
 * moment, with today's facts. Nothing is written, sent or recorded as a decision.
 */
@Service
public class RuleSimulation {

    /** At most this many events per simulation. */
    public static final int MAX_EVENTS = 10_000;

    /** One event's two outcomes; {@code changed} when the offer or the row differ. */
    public record Outcome(UUID eventId, String type, String gtin, String serial, Instant occurredAt, String moment,
                          Choice active, Choice candidate, boolean changed) {
    }

    public record Choice(String sku, Integer discountPercent, String rule, String reason) {
        static Choice of(Decision d) {
            return new Choice(d.offer() == null ? null : d.offer().sku(), d.offer() == null ? null : d.offer().discountPercent(),
                    d.ruleName(), d.reason());
        }
    }

    /** All outcomes, and counts of changed decisions by moment and by offer change ({@code WX-ESP-2Y → KIT-ESP-CARE}). */
    public record Report(String activeVersion, int events, int changed, Map<String, Integer> changedByMoment,
                         Map<String, Integer> changedByOffer, List<Outcome> outcomes) {
    }

    private final DecideStep step;
    private final EventStore events;
    private final ActiveRuleSet rules;
    private final Clock clock;

    public RuleSimulation(DecideStep step, EventStore events, ActiveRuleSet rules, Clock clock) {
        this.step = step;
        this.events = events;
        this.rules = rules;
        this.clock = clock;
    }

    public Report recorded(RuleSet candidate, Instant from, Instant to) {
        return compare(candidate, events.occurredBetween(from, to, MAX_EVENTS));
    }

    public Report unitAt(RuleSet candidate, String gtin, String serial, Moment moment, Map<String, Object> attributes) {
        HubEvent e = new HubEvent(UUID.randomUUID(), moment.eventType(), "simulation", "simulation", clock.instant(), gtin, serial,
                null, attributes == null ? Map.of() : attributes);
        return compare(candidate, List.of(e));
    }

    /** Given facts (no unit, no catalogue): the rows' offers with only the already-owned guardrail, as cases run. */
    public Report facts(RuleSet candidate, List<FactValues> facts, List<Set<String>> owned) {
        RuleSet active = rules.current();
        List<Outcome> outcomes = new ArrayList<>();
        Map<String, Integer> byMoment = new TreeMap<>();
        Map<String, Integer> byOffer = new LinkedHashMap<>();
        int changed = 0;
        for (int i = 0; i < facts.size(); i++) {
            Choice a = choose(active, facts.get(i), owned.get(i));
            Choice c = choose(candidate, facts.get(i), owned.get(i));
            boolean differs = !a.equals(c);
            if (differs) {
                changed++;
                byMoment.merge(String.valueOf(facts.get(i).moment()), 1, Integer::sum);
                byOffer.merge(label(a.sku()) + " → " + label(c.sku()), 1, Integer::sum);
            }
            outcomes.add(new Outcome(null, null, null, null, null, facts.get(i).moment(), a, c, differs));
        }
        return new Report(active.version(), facts.size(), changed, byMoment, byOffer, outcomes);
    }

    private static Choice choose(RuleSet ruleSet, FactValues values, Set<String> owned) {
        OfferFacts f = new OfferFacts(values);
        OfferEvaluator.evaluate(ruleSet, List.of(f));
        OfferGuardrails.Choice choice = OfferGuardrails.choose(f.candidates(),
                OfferGuardrails.Limits.owning(owned::contains));
        return choice.offer() == null ? new Choice(null, null, null, choice.reason())
                : new Choice(choice.offer().sku(), choice.offer().discountPercent(), choice.offer().ruleName(), choice.reason());
    }

    Report compare(RuleSet candidate, List<HubEvent> list) {
        RuleSet active = rules.current();
        List<List<Decision>> both = list.isEmpty() ? List.of(List.of(), List.of()) : step.dryRun(list, List.of(active, candidate));
        List<Outcome> outcomes = new ArrayList<>();
        Map<String, Integer> byMoment = new TreeMap<>();
        Map<String, Integer> byOffer = new LinkedHashMap<>();
        int changed = 0;
        for (int i = 0; i < list.size(); i++) {
            HubEvent e = list.get(i);
            Decision a = both.get(0).get(i);
            Decision c = both.get(1).get(i);
            Choice ca = Choice.of(a);
            Choice cc = Choice.of(c);
            boolean differs = !Objects.equals(ca.sku(), cc.sku()) || !Objects.equals(ca.rule(), cc.rule())
                    || !Objects.equals(ca.discountPercent(), cc.discountPercent());
            if (differs) {
                changed++;
                byMoment.merge(a.moment().name(), 1, Integer::sum);
                byOffer.merge(label(ca.sku()) + " → " + label(cc.sku()), 1, Integer::sum);
            }
            outcomes.add(new Outcome(e.id(), e.type().wireName(), e.gtin(), e.serial(), e.occurredAt(), a.moment().name(), ca, cc,
                    differs));
        }
        return new Report(active.version(), list.size(), changed, byMoment, byOffer, outcomes);
    }

    private static String label(String sku) {
        return sku == null ? "no offer" : sku;
    }
}
