package io.aftersaleshub.offer;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.aftersaleshub.dispatch.OutboxStore;
import io.aftersaleshub.identity.Gtin;
import io.aftersaleshub.identity.UnitStore;
import io.aftersaleshub.platform.RequestRejectedException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Why a unit did or did not get an offer: every decision, its rule row and its outbound actions. */
@RestController
public class DecisionController {

    public record ActionView(UUID actionId, String channel, String status, int attempts, String lastError,
                             Instant createdAt, Instant sentAt) {
    }

    public record DecisionView(UUID decisionId, UUID eventId, Moment moment, Offer offer, String reason,
                               String rulesVersion, String ruleName, Instant decidedAt, List<ActionView> actions) {
    }

    private final UnitStore units;
    private final DecisionStore decisions;
    private final OutboxStore outbox;

    public DecisionController(UnitStore units, DecisionStore decisions, OutboxStore outbox) {
        this.units = units;
        this.decisions = decisions;
        this.outbox = outbox;
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
        return decisions.findByUnit(unit.id()).stream().map(d -> new DecisionView(d.decisionId(), d.eventId(), d.moment(),
                d.offer(), d.reason(), d.rulesVersion(), d.ruleName(), d.decidedAt(),
                outbox.findByDecision(d.decisionId()).stream().map(a -> new ActionView(a.id(), a.channel().name(),
                        a.status().name(), a.attempts(), a.lastError(), a.createdAt(), a.sentAt())).toList())).toList();
    }
}
