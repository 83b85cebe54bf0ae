package io.aftersaleshub.catalog;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Body of {@code POST /api/catalog}: models, items and units, each upserted by its natural key. */
public record CatalogUpload(List<ModelIn> models, List<ItemIn> items, List<UnitIn> units) {

    public record ModelIn(String gtin, String model, String productLine, Integer warrantyMonths, String successorGtin) {
    }

    public record ItemIn(String sku, String type, String name, BigDecimal price, String currency,
                         List<String> compatibleGtins, List<String> contains) {
    }

    public record UnitIn(String gtin, String serial, String batch, LocalDate manufacturedOn, String market) {
    }

    public List<ModelIn> modelsOrEmpty() {
        return models == null ? List.of() : models;
    }

    public List<ItemIn> itemsOrEmpty() {
        return items == null ? List.of() : items;
    }

    public List<UnitIn> unitsOrEmpty() {
        return units == null ? List.of() : units;
    }

    /** How many of each were upserted. */
    public record Counts(int models, int items, int units) {
    }
}
