package io.aftersaleshub.offer;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.aftersaleshub.catalog.CatalogSnapshot;
import io.aftersaleshub.catalog.ItemType;
import io.aftersaleshub.event.EventType;
import io.aftersaleshub.event.HubEvent;
import io.aftersaleshub.identity.UnitStore;
import io.aftersaleshub.owner.OwnerDirectory;
import io.aftersaleshub.rules.vocabulary.FactValues;
import io.aftersaleshub.rules.vocabulary.Moment;
import org.junit.jupiter.api.Test;

/** The vocabulary's facts as the decide step computes them from a unit, its owner and the catalogue. */
class DecisionFactsAssemblerTest {

    static final String EM100 = "04098765000102";
    static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
    static final CatalogSnapshot.Model MODEL = new CatalogSnapshot.Model(EM100, "EM-100", "espresso", 24, "04098765000300");
    static final CatalogSnapshot CATALOG = new CatalogSnapshot(Map.of(EM100, MODEL), Map.of(
            "WX-ESP-2Y", new CatalogSnapshot.Item("WX-ESP-2Y", ItemType.WARRANTY_PLAN, "Extension", BigDecimal.TEN, "EUR",
                    Set.of(EM100), List.of()),
            "WX-GRD-1Y", new CatalogSnapshot.Item("WX-GRD-1Y", ItemType.WARRANTY_PLAN, "Grinder extension", BigDecimal.TEN, "EUR",
                    Set.of("04098765001208"), List.of())), Instant.EPOCH);

    @Test
    void aSupportCloseSeesTheCaseCategoryTheWarrantyAndTheOwnership() {
        // bought 2025-01-10, 24 months of warranty: ends 2027-01-10, 46 days from today
        FactValues f = facts(Moment.SUPPORT_CLOSED, Map.of("category", "descaling", "resolution", "resolved", "caseId", 500,
                        "nested", Map.of("a", 1)),
                LocalDate.of(2025, 1, 10), Instant.parse("2025-02-01T10:00:00Z"), Set.of());

        assertThat(f.moment()).isEqualTo("SUPPORT_CLOSED");
        assertThat(f.caseCategory()).isEqualTo("descaling");
        assertThat(f.supportResolution()).isEqualTo("resolved");
        assertThat(f.newOwner()).isTrue();
        assertThat(f.offersLast30Days()).isEqualTo(2);
        assertThat(f.attributes()).containsEntry("caseId", "500").doesNotContainKey("nested");
        assertThat(f.warrantyActive()).isTrue();
        assertThat(f.warrantyDaysLeft()).isEqualTo(46);
        assertThat(f.unitAgeDays()).isEqualTo(684);
        assertThat(f.daysOwned()).isEqualTo(662);
        assertThat(f.ownershipYear()).isEqualTo(2);
        assertThat(f.hasSuccessor()).isTrue();
        assertThat(f.registrationChannel()).isEqualTo("retail");
        assertThat(f.market()).isEqualTo("EU");
        assertThat(f.ownerCountry()).isEqualTo("DE");
    }

    @Test
    void anAnniversaryNamesItsYearAndAnExpiredWarrantyHasNoDaysLeft() {
        FactValues f = facts(Moment.ANNIVERSARY, Map.of("year", 3), LocalDate.of(2023, 11, 20),
                Instant.parse("2023-11-20T10:00:00Z"), Set.of());
        assertThat(f.ownershipYear()).isEqualTo(3);
        assertThat(f.warrantyActive()).isFalse();
        assertThat(f.warrantyDaysLeft()).isZero();
    }

    @Test
    void onlyAWarrantyPlanForThisModelCountsAsAnExtendedWarranty() {
        assertThat(facts(Moment.WARRANTY_EXPIRING, Map.of(), TODAY, Instant.now(), Set.of("WX-GRD-1Y")).hasExtendedWarranty())
                .isFalse();
        assertThat(facts(Moment.WARRANTY_EXPIRING, Map.of(), TODAY, Instant.now(), Set.of("WX-ESP-2Y")).hasExtendedWarranty())
                .isTrue();
    }

    private static FactValues facts(Moment moment, Map<String, Object> attributes, LocalDate purchased, Instant ownedFrom,
                                    Set<String> owned) {
        HubEvent event = new HubEvent(UUID.randomUUID(), moment.eventType(), "crm", "1", Instant.now(), EM100, "S-1", null,
                attributes);
        UnitStore.UnitFacts unit = new UnitStore.UnitFacts(1L, EM100, "S-1", LocalDate.of(2024, 12, 1), "EU");
        OwnerDirectory.CurrentOwner owner = new OwnerDirectory.CurrentOwner(1L, UUID.randomUUID(), UUID.randomUUID(),
                "o@example.test", "O", "DE", null, true, purchased, ownedFrom, "retail");
        return DecisionFactsAssembler.facts(moment, event, unit, owner, MODEL, owned, CATALOG, TODAY, true, 2);
    }
}
