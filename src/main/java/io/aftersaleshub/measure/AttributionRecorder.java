package io.aftersaleshub.measure;

import java.util.List;
import java.util.Locale;

import io.aftersaleshub.offer.OfferDecided;
import io.aftersaleshub.offer.OffersDecided;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps measure's own record of every offer made to an owner with an e-mail address, written in the
 * deciding transaction (so a decision and its attribution commit together), never read from offer's tables.
 */
@Component
class AttributionRecorder {

    private final MeasureStore store;

    AttributionRecorder(MeasureStore store) {
        this.store = store;
    }

    @EventListener
    void onDecided(OffersDecided decided) {
        List<Attribution> rows = decided.decisions().stream()
                .filter(d -> d.offer() != null && d.owner() != null && d.owner().email() != null)
                .map(AttributionRecorder::attribution).toList();
        if (!rows.isEmpty()) {
            store.insertAttributions(rows);
        }
    }

    private static Attribution attribution(OfferDecided d) {
        return new Attribution(d.decisionId(), d.owner().email().trim().toLowerCase(Locale.ROOT), d.moment().name(),
                d.offer().sku(), null, d.decidedAt());
    }
}
