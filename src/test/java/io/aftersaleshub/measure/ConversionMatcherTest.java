package io.aftersaleshub.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class ConversionMatcherTest {

    static final Instant DECIDED = Instant.parse("2026-11-01T10:00:00Z");
    final MeasureProperties settings = new MeasureProperties(null, Map.of("support-closed", Duration.ofDays(2)));

    final Attribution registration = new Attribution(UUID.randomUUID(), "ana@example.com", "REGISTRATION", "WX-ESP-2Y",
            "AH-CODE", DECIDED);

    @Test
    void theOfferedSkuInsideTheWindowConvertsWithItsLinesAsRevenue() {
        List<Conversion> c = match(order(DECIDED.plus(Duration.ofDays(14)), Set.of(), line("WX-ESP-2Y", 2, "79.00"),
                line("OTHER", 1, "5.00")), registration);
        assertThat(c).singleElement().satisfies(x -> {
            assertThat(x.decisionId()).isEqualTo(registration.decisionId());
            assertThat(x.matchedBy()).isEqualTo(Conversion.MatchedBy.SKU);
            assertThat(x.revenue()).isEqualByComparingTo("158.00");
            assertThat(x.currency()).isEqualTo("EUR");
        });
    }

    @Test
    void outsideTheWindowOrBeforeTheDecisionNothingConverts() {
        assertThat(match(order(DECIDED.plus(Duration.ofDays(14)).plusSeconds(1), Set.of(), line("WX-ESP-2Y", 1, "79.00")),
                registration)).isEmpty();
        assertThat(match(order(DECIDED.minusSeconds(1), Set.of(), line("WX-ESP-2Y", 1, "79.00")), registration)).isEmpty();
    }

    @Test
    void theWindowIsPerMoment() {
        Attribution support = new Attribution(UUID.randomUUID(), "ana@example.com", "SUPPORT_CLOSED", "PART-DESCALER", null, DECIDED);
        assertThat(match(order(DECIDED.plus(Duration.ofDays(3)), Set.of(), line("PART-DESCALER", 1, "9.90")), support)).isEmpty();
        assertThat(match(order(DECIDED.plus(Duration.ofDays(1)), Set.of(), line("PART-DESCALER", 1, "9.90")), support)).hasSize(1);
    }

    @Test
    void theDiscountCodeConvertsOutsideTheWindowAndWithoutTheSku() {
        List<Conversion> c = match(order(DECIDED.plus(Duration.ofDays(30)), Set.of("ah-code"), line("OTHER", 3, "10.00")),
                registration);
        assertThat(c).singleElement().satisfies(x -> {
            assertThat(x.matchedBy()).isEqualTo(Conversion.MatchedBy.DISCOUNT_CODE);
            assertThat(x.revenue()).isEqualByComparingTo("30.00");
        });
    }

    @Test
    void theLatestOfferOfTheSkuGetsTheConversion() {
        Attribution later = new Attribution(UUID.randomUUID(), "ana@example.com", "ANNIVERSARY", "WX-ESP-2Y", null,
                DECIDED.plus(Duration.ofDays(3)));
        List<Conversion> c = match(order(DECIDED.plus(Duration.ofDays(4)), Set.of(), line("WX-ESP-2Y", 1, "79.00")),
                registration, later);
        assertThat(c).extracting(Conversion::decisionId).containsExactly(later.decisionId());
    }

    private List<Conversion> match(OrderPlaced order, Attribution... open) {
        return ConversionMatcher.match(order, List.of(open), settings::windowFor);
    }

    private static OrderPlaced order(Instant at, Set<String> codes, OrderPlaced.Line... lines) {
        return new OrderPlaced("1001", "ana@example.com", at, "EUR", List.of(lines), codes);
    }

    private static OrderPlaced.Line line(String sku, int qty, String price) {
        return new OrderPlaced.Line(sku, qty, new BigDecimal(price));
    }
}
