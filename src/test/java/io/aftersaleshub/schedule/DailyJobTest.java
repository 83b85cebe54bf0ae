package io.aftersaleshub.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import io.aftersaleshub.catalog.CatalogSnapshot;
import org.junit.jupiter.api.Test;

class DailyJobTest {

    private static CatalogSnapshot.Model model(int warrantyMonths) {
        return new CatalogSnapshot.Model("0", "M", "line", warrantyMonths, null);
    }

    @Test
    void everyPurchaseDateWhoseWarrantyEndsOnTheDayIsFoundAlsoAtMonthEnds() {
        // 29, 30 and 31 August plus 6 months all end on 28 February (2027 is no leap year)
        assertThat(DailyJob.purchaseDatesEndingOn(LocalDate.parse("2027-02-28"), List.of(model(6))))
                .containsExactly(LocalDate.parse("2026-08-28"), LocalDate.parse("2026-08-29"), LocalDate.parse("2026-08-30"),
                        LocalDate.parse("2026-08-31"));
    }

    @Test
    void eachWarrantyLengthOfTheCatalogueCountsOnceAndNoWarrantyNotAtAll() {
        assertThat(DailyJob.purchaseDatesEndingOn(LocalDate.parse("2026-09-09"), List.of(model(24), model(12), model(24), model(0))))
                .containsExactly(LocalDate.parse("2024-09-09"), LocalDate.parse("2025-09-09"));
    }
}
