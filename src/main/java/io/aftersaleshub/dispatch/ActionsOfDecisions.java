package io.aftersaleshub.dispatch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.aftersaleshub.offer.DecisionActions;
import org.springframework.stereotype.Component;

/** The actions of decisions, for the decisions view of the offer module. */
@Component
public class ActionsOfDecisions implements DecisionActions {

    private final OutboxStore outbox;

    public ActionsOfDecisions(OutboxStore outbox) {
        this.outbox = outbox;
    }

    @Override
    public Map<UUID, List<ActionView>> byDecision(Collection<UUID> decisionIds) {
        Map<UUID, List<ActionView>> out = new HashMap<>();
        for (OutboxStore.Action a : outbox.findByDecisions(decisionIds)) {
            out.computeIfAbsent(a.decisionId(), k -> new ArrayList<>()).add(new ActionView(a.id(), a.channel(),
                    a.status().name(), a.attempts(), a.lastError(), a.createdAt(), a.sentAt()));
        }
        return out;
    }
}
