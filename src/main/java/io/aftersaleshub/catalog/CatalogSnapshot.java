package io.aftersaleshub.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The whole catalogue in memory — models, items, compatibility, bundle contents — so that deciding a
 * batch of events reads no catalogue rows. Immutable; {@link CatalogCache} swaps in a new one when the
 * catalogue changes.
 */
public record CatalogSnapshot(Map<String, Model> modelsByGtin, Map<String, Item> itemsBySku, Instant version) {

    public record Model(String gtin, String modelCode, String productLine, int warrantyMonths, String successorGtin) {
    }

    public record Item(String sku, ItemType type, String name, BigDecimal price, String currency,
                       Set<String> compatibleGtins, List<String> contents) {

        public boolean fits(String gtin) {
            return compatibleGtins.contains(gtin);
        }
    }

    public Optional<Model> model(String gtin) {
        return Optional.ofNullable(modelsByGtin.get(gtin));
    }

    public Optional<Item> item(String sku) {
        return Optional.ofNullable(itemsBySku.get(sku));
    }

    /** Whether these SKUs include a warranty plan that fits the model: the unit's warranty is extended. */
    public boolean hasWarrantyPlanFor(java.util.Collection<String> skus, String gtin) {
        return skus.stream().map(this::item).flatMap(Optional::stream)
                .anyMatch(i -> i.type() == ItemType.WARRANTY_PLAN && i.fits(gtin));
    }
}
