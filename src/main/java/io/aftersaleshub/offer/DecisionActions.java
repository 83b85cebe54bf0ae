package io.aftersaleshub.offer;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What became of decisions downstream, for the decisions view. Implemented by the module that owns
 * actions (dispatch), so that this module does not depend on it.
 */
public interface DecisionActions {

    record ActionView(UUID actionId, String channel, String status, int attempts, String lastError,
                      Instant createdAt, Instant sentAt) {
    }

    Map<UUID, List<ActionView>> byDecision(Collection<UUID> decisionIds);
}
