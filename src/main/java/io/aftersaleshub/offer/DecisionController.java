package io.aftersaleshub.offer;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.aftersaleshub.identity.Gtin;
import io.aftersaleshub.identity.UnitStore;
import io.aftersaleshub.platform.RequestRejectedException;
import io.aftersaleshub.rules.vocabulary.Moment;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Why a unit did or did not get an offer: every decision, its rule row and its outbound actions. */
@RestController
public class DecisionController {

    public record DecisionView(UUID decisionId, UUID eventId, Moment moment, Offer offer, String reason,
                               String rulesVersion, String ruleName, Instant decidedAt, List<DecisionActions.ActionView> actions) {
    }

    private final UnitStore units;
    private final DecisionStore decisions;
    private final DecisionActions actions;

    public DecisionController(UnitStore units, DecisionStore decisions, DecisionActions actions) {
        this.units = units;
        this.decisions = decisions;
        this.actions = actions;
    }

    @GetMapping("/api/units/{gtin}/{serial}/decisions")
    public List<DecisionView> decisions(@PathVariable String gtin, @PathVariable String serial) {
        return decisionsOf(gtin, serial);
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
        return found.stream().map(d -> new DecisionView(d.decisionId(), d.eventId(), d.moment(), d.offer(), d.reason(),
                d.rulesVersion(), d.ruleName(), d.decidedAt(), byDecision.getOrDefault(d.decisionId(), List.of()))).toList();
    }
}
