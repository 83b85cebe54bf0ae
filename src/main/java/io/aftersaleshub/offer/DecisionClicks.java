package io.aftersaleshub.offer;

import java.time.Instant;
import java.util.UUID;

/**
 * Clicks on a decision's tracked offer link, for the decision view. Implemented by the module that records
 * them (dispatch), so that this module does not depend on it.
 */
public interface DecisionClicks {

    /** {@code count}: how often the link was followed; {@code firstAt}: the click that counts (null when none). */
    record Clicks(int count, Instant firstAt) {
        public static final Clicks NONE = new Clicks(0, null);
    }

    Clicks of(UUID decisionId);
}
