package io.aftersaleshub.offer;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.aftersaleshub.identity.Gtin;
import io.aftersaleshub.identity.UnitStore;
import io.aftersaleshub.platform.RequestRejectedException;
import io.aftersaleshub.rules.vocabulary.FactValues;
import io.aftersaleshub.rules.vocabulary.Moment;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Why a unit did or did not get an offer: every decision, its rule row and its outbound actions; one decision explained. */
@RestController
public class DecisionController {

    public record DecisionView(UUID decisionId, UUID eventId, Moment moment, DecisionStatus status, Offer offer, String reason,
                               String rulesVersion, String ruleName, Instant decidedAt, List<DecisionActions.ActionView> actions) {
    }

    /**
     * One decision explained: the facts as the table saw them, every candidate with the guardrail that
     * removed it, the guardrails in the order they ran, whether the owner was held out (then {@code offer} is
     * the offer that would have been made), and the state of each action; then followed to its money: its
     * deliveries per channel, the clicks on its offer link and the order that converted it (null when none).
     */
    public record DecisionDetail(UUID decisionId, UUID eventId, Moment moment, DecisionStatus status, boolean holdout,
                                 Offer offer, String reason, String rulesVersion, String ruleName, Instant decidedAt,
                                 FactValues facts, List<Explanation.Candidate> candidates,
                                 List<Explanation.GuardrailStep> guardrails, List<DecisionActions.ActionView> actions,
                                 List<Delivery> deliveries, DecisionClicks.Clicks clicks,
                                 DecisionConversions.ConversionView conversion) {
    }

    /** The offer through one channel: {@code PENDING}, {@code SENT} or {@code FAILED}, and when it was sent (null until SENT). */
    public record Delivery(String channel, String status, Instant at) {
    }

    /** Measurement calls to analytics are not deliveries of the offer (as in the view {@code analytics_deliveries}). */
    static final String ANALYTICS_CHANNEL = "analytics";

    private final UnitStore units;
    private final DecisionStore decisions;
    private final DecisionActions actions;
    private final DecisionClicks clicks;
    private final DecisionConversions conversions;

    public DecisionController(UnitStore units, DecisionStore decisions, DecisionActions actions, DecisionClicks clicks,
                              DecisionConversions conversions) {
        this.units = units;
        this.decisions = decisions;
        this.actions = actions;
        this.clicks = clicks;
        this.conversions = conversions;
    }

    @GetMapping("/api/units/{gtin}/{serial}/decisions")
    public List<DecisionView> decisions(@PathVariable String gtin, @PathVariable String serial) {
        return decisionsOf(gtin, serial);
    }

    @GetMapping("/api/decisions/{decisionId}")
    public DecisionDetail decision(@PathVariable UUID decisionId) {
        Decision d = decisions.find(decisionId).orElseThrow(() ->
                RequestRejectedException.of(HttpStatus.NOT_FOUND, "decisionId", "no decision with this id is known"));
        Explanation e = d.explanation();
        List<DecisionActions.ActionView> done = actions.byDecision(List.of(d.decisionId())).getOrDefault(d.decisionId(), List.of());
        List<Delivery> deliveries = done.stream().filter(a -> !ANALYTICS_CHANNEL.equals(a.channel()))
                .map(a -> new Delivery(a.channel(), a.status(), a.sentAt()))
                .sorted(java.util.Comparator.comparing(Delivery::channel)).toList();
        return new DecisionDetail(d.decisionId(), d.eventId(), d.moment(), d.status(), d.status() == DecisionStatus.HOLDOUT,
                d.offer(), d.reason(), d.rulesVersion(), d.ruleName(), d.decidedAt(), e.facts(), e.candidates(), e.guardrails(),
                done, deliveries, clicks.of(d.decisionId()), conversions.of(d.decisionId()).orElse(null));
    }

    /** The same, for serials a URL path cannot carry: GS1 serials may contain '/' and ';'. */
    @GetMapping("/api/units/decisions")
    public List<DecisionView> decisionsByQuery(@RequestParam String gtin, @RequestParam String serial) {
        return decisionsOf(gtin, serial);
    }

    private List<DecisionView> decisionsOf(String gtin, String serial) {
        String problem = Gtin.problemWith(gtin);
        if (problem != null) {
            throw RequestRejectedException.of(HttpStatus.BAD_REQUEST, "gtin", problem);
        }
        UnitStore.Unit unit = units.find(Gtin.parse(gtin).value(), serial.trim()).orElseThrow(() ->
                RequestRejectedException.of(HttpStatus.NOT_FOUND, "serial", "no unit with this GTIN and serial is known"));
        List<Decision> found = decisions.findByUnit(unit.id());
        Map<UUID, List<DecisionActions.ActionView>> byDecision = actions.byDecision(found.stream().map(Decision::decisionId).toList());
        return found.stream().map(d -> new DecisionView(d.decisionId(), d.eventId(), d.moment(), d.status(), d.offer(), d.reason(),
                d.rulesVersion(), d.ruleName(), d.decidedAt(), byDecision.getOrDefault(d.decisionId(), List.of()))).toList();
    }
}
