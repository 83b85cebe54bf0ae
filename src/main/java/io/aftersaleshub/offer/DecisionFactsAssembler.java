package io.aftersaleshub.offer;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.aftersaleshub.catalog.CatalogSnapshot;
import io.aftersaleshub.catalog.ItemType;
import io.aftersaleshub.event.HubEvent;
import io.aftersaleshub.identity.UnitStore;
import io.aftersaleshub.owner.OwnerDirectory;
import io.aftersaleshub.rules.vocabulary.FactValues;
import io.aftersaleshub.rules.vocabulary.Moment;

/** Computes the vocabulary's facts for one event from what the batch loaded; pure, no I/O. */
final class DecisionFactsAssembler {

    private DecisionFactsAssembler() {
    }

    static FactValues facts(Moment moment, HubEvent event, UnitStore.UnitFacts unit, OwnerDirectory.CurrentOwner owner,
                            CatalogSnapshot.Model model, Set<String> ownedSkus, CatalogSnapshot catalog, LocalDate today,
                            boolean newOwner, int offersLast30Days) {
        LocalDate from = owner.purchaseDate() != null ? owner.purchaseDate() : unit.manufacturedOn();
        int unitAgeDays = from == null ? 0 : (int) Math.max(0, ChronoUnit.DAYS.between(from, today));
        LocalDate ownedSince = LocalDate.ofInstant(owner.ownedFrom(), ZoneOffset.UTC);
        int daysOwned = (int) Math.max(0, ChronoUnit.DAYS.between(ownedSince, today));
        LocalDate warrantyEnds = owner.purchaseDate() == null ? null : owner.purchaseDate().plusMonths(model.warrantyMonths());
        boolean warrantyActive = warrantyEnds != null && !today.isAfter(warrantyEnds);
        int warrantyDaysLeft = warrantyActive ? (int) ChronoUnit.DAYS.between(today, warrantyEnds) : 0;
        boolean extended = ownedSkus.stream().map(catalog::item).flatMap(java.util.Optional::stream)
                .anyMatch(i -> i.type() == ItemType.WARRANTY_PLAN && i.fits(unit.gtin()));
        Map<String, String> attributes = new LinkedHashMap<>();
        event.attributes().forEach((k, v) -> {
            if (v != null && !(v instanceof Map) && !(v instanceof Iterable)) {
                attributes.put(k, String.valueOf(v));
            }
        });
        int year = daysOwned / 365 + 1;
        String statedYear = attributes.get("year");
        if (statedYear != null && statedYear.matches("\\d{1,3}")) {
            year = Integer.parseInt(statedYear);
        }
        return new FactValues(moment.name(), model.productLine(), model.modelCode(), unit.market(), owner.channel(),
                owner.country(), unitAgeDays, daysOwned, year, warrantyActive, warrantyDaysLeft, extended,
                model.successorGtin() != null, attributes.get("category"), attributes.get("resolution"), newOwner,
                offersLast30Days, attributes);
    }
}
