package io.aftersaleshub.measure;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** A refund of (part of) an order: the refunded lines by SKU with the amount given back. */
public record OrderRefunded(String orderRef, String refundRef, Instant refundedAt, List<Line> lines) {

    public record Line(String sku, BigDecimal amount) {
    }
}
