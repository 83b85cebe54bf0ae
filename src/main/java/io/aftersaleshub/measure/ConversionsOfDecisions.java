package io.aftersaleshub.measure;

import java.util.Optional;
import java.util.UUID;

import io.aftersaleshub.offer.DecisionConversions;
import org.springframework.stereotype.Component;

/** A decision's conversion, for the decisions view of the offer module. */
@Component
class ConversionsOfDecisions implements DecisionConversions {

    private final Conversions conversions;

    ConversionsOfDecisions(Conversions conversions) {
        this.conversions = conversions;
    }

    @Override
    public Optional<ConversionView> of(UUID decisionId) {
        return conversions.of(decisionId).map(c -> new ConversionView(c.orderRef(), c.revenue(), c.currency(), c.at(),
                c.refunded(), c.reversedAt()));
    }
}
