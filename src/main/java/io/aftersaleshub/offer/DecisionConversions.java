package io.aftersaleshub.offer;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The order that converted a decision, for the decision view. Implemented by the module that measures
 * conversions (measure), so that this module does not depend on it.
 */
public interface DecisionConversions {

    /**
     * {@code revenue} in {@code currency} from order {@code orderRef} placed {@code at}; a refund adds to
     * {@code refunded} and sets {@code reversedAt} (null while the conversion stands).
     */
    record ConversionView(String orderRef, BigDecimal revenue, String currency, Instant at, BigDecimal refunded,
                          Instant reversedAt) {
    }

    Optional<ConversionView> of(UUID decisionId);
}
