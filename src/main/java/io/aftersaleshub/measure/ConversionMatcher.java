package io.aftersaleshub.measure;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Which of an owner's open offers an order converts. An offer whose discount code the order used converts,
 * whenever the order came after the decision; its revenue is the order's lines of the offered SKU, or the
 * whole order when it holds none. Otherwise each SKU of the order converts the latest offer of that SKU
 * whose attribution window (from its decision, per moment) still held when the order was placed (last
 * touch), with that SKU's lines as revenue (price × quantity).
 */
final class ConversionMatcher {

    private ConversionMatcher() {
    }

    static List<Conversion> match(OrderPlaced order, List<Attribution> open, Function<String, Duration> window) {
        List<Conversion> out = new ArrayList<>();
        Set<UUID> converted = new HashSet<>();
        Set<String> codes = new HashSet<>();
        order.discountCodes().forEach(c -> codes.add(c.trim().toUpperCase(Locale.ROOT)));
        List<Attribution> before = open.stream().filter(a -> !a.decidedAt().isAfter(order.placedAt())).toList();
        Set<String> skusTaken = new HashSet<>();
        for (Attribution a : before) {
            if (a.discountCode() != null && codes.contains(a.discountCode().toUpperCase(Locale.ROOT))) {
                BigDecimal revenue = revenueOf(order, a.sku());
                if (revenue.signum() == 0 && order.lines().stream().noneMatch(l -> l.sku().equals(a.sku()))) {
                    revenue = order.lines().stream().map(OrderPlaced.Line::total).reduce(BigDecimal.ZERO, BigDecimal::add);
                }
                out.add(conversion(a, order, Conversion.MatchedBy.DISCOUNT_CODE, revenue));
                converted.add(a.decisionId());
                skusTaken.add(a.sku());
            }
        }
        for (String sku : order.lines().stream().map(OrderPlaced.Line::sku).distinct().toList()) {
            if (skusTaken.contains(sku)) {
                continue;
            }
            Optional<Attribution> latest = before.stream()
                    .filter(a -> a.sku().equals(sku) && !converted.contains(a.decisionId()))
                    .filter(a -> !order.placedAt().isAfter(a.decidedAt().plus(window.apply(a.moment()))))
                    .max(Comparator.comparing(Attribution::decidedAt));
            latest.ifPresent(a -> {
                out.add(conversion(a, order, Conversion.MatchedBy.SKU, revenueOf(order, sku)));
                converted.add(a.decisionId());
            });
        }
        return out;
    }

    private static BigDecimal revenueOf(OrderPlaced order, String sku) {
        return order.lines().stream().filter(l -> l.sku().equals(sku)).map(OrderPlaced.Line::total)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static Conversion conversion(Attribution a, OrderPlaced order, Conversion.MatchedBy by, BigDecimal revenue) {
        return new Conversion(a.decisionId(), order.orderRef(), by, revenue, order.currency(), order.placedAt(),
                BigDecimal.ZERO, null);
    }
}
