package io.aftersaleshub.measure;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * measure's published API: shops report orders, refunds and the discount codes they issued for decisions;
 * anyone may read a decision's conversion. Every write has a unique key (one conversion per decision, one
 * refund per conversion and refund id), so a repeated report changes nothing.
 */
@Service
public class Conversions {

    private static final Logger log = LoggerFactory.getLogger(Conversions.class);

    private final MeasureStore store;
    private final MeasureProperties settings;

    public Conversions(MeasureStore store, MeasureProperties settings) {
        this.store = store;
        this.settings = settings;
    }

    /** The decision's offer now has this discount code: an order that uses it converts the decision. */
    @Transactional
    public void codeIssued(UUID decisionId, String code) {
        if (!store.setDiscountCode(decisionId, code.toUpperCase(Locale.ROOT))) {
            log.warn("Discount code for decision {} not attributed: no such offer, or it has another code", decisionId);
        }
    }

    /** Converts the owner's offers this order converts (see {@link ConversionMatcher}); returns the new conversions. */
    @Transactional
    public List<Conversion> orderPlaced(OrderPlaced order) {
        List<Attribution> open = store.openFor(order.ownerEmail().trim().toLowerCase(Locale.ROOT));
        List<Conversion> added = new ArrayList<>();
        for (Conversion c : ConversionMatcher.match(order, open, settings::windowFor)) {
            if (store.insertConversion(c)) {
                added.add(c);
            }
        }
        return added;
    }

    /**
     * Reverses the order's conversions whose SKU the refund gives back (a conversion by discount code whose
     * SKU the order did not hold: by any refunded line), adding the refunded amount; returns how many.
     */
    @Transactional
    public int refunded(OrderRefunded refund) {
        int reversed = 0;
        for (MeasureStore.Converted c : store.conversionsOfOrder(refund.orderRef())) {
            List<OrderRefunded.Line> lines = refund.lines().stream().filter(l -> l.sku() != null && l.sku().equals(c.sku())).toList();
            if (lines.isEmpty() && c.conversion().matchedBy() == Conversion.MatchedBy.DISCOUNT_CODE) {
                lines = refund.lines();
            }
            if (lines.isEmpty()) {
                continue;
            }
            BigDecimal amount = lines.stream().map(OrderRefunded.Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            if (store.refund(c.conversion().decisionId(), refund.refundRef(), amount, refund.refundedAt())) {
                reversed++;
            }
        }
        return reversed;
    }

    /** The decision's conversion, or empty when no order converted it. */
    @Transactional(readOnly = true)
    public Optional<Conversion> of(UUID decisionId) {
        return store.conversionOf(decisionId);
    }
}
