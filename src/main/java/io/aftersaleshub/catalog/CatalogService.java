package io.aftersaleshub.catalog;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.aftersaleshub.catalog.CatalogUpload.ItemIn;
import io.aftersaleshub.catalog.CatalogUpload.ModelIn;
import io.aftersaleshub.catalog.CatalogUpload.UnitIn;
import io.aftersaleshub.identity.Gtin;
import io.aftersaleshub.identity.Serial;
import io.aftersaleshub.platform.FieldProblem;
import io.aftersaleshub.platform.Problems;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Validates a catalogue upload as a whole, then upserts it in one transaction (all or nothing). */
@Service
public class CatalogService {

    static final int MAX_ROWS = 20_000;

    private final NamedParameterJdbcTemplate jdbc;

    public CatalogService(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public CatalogUpload.Counts upsert(CatalogUpload upload) {
        validate(upload);
        List<ModelIn> models = upload.modelsOrEmpty();
        List<ItemIn> items = upload.itemsOrEmpty();
        List<UnitIn> units = upload.unitsOrEmpty();

        // successors may name models of the same upload, so link them after all rows exist
        jdbc.batchUpdate("""
                INSERT INTO product_model (gtin, model_code, product_line, warranty_months)
                VALUES (:gtin, :model, :line, :months)
                ON CONFLICT (gtin) DO UPDATE SET model_code = excluded.model_code,
                    product_line = excluded.product_line, warranty_months = excluded.warranty_months, updated_at = now()
                """, models.stream().map(m -> params(Map.of("gtin", Gtin.parse(m.gtin()).value(),
                "model", m.model().trim(), "line", m.productLine().trim(), "months", m.warrantyMonths()))).toArray(SqlParameterSource[]::new));
        for (ModelIn m : models) {
            jdbc.update("UPDATE product_model SET successor_gtin = :s WHERE gtin = :g", new MapSqlParameterSource()
                    .addValue("s", blank(m.successorGtin()) ? null : Gtin.parse(m.successorGtin()).value())
                    .addValue("g", Gtin.parse(m.gtin()).value()));
        }

        jdbc.batchUpdate("""
                INSERT INTO catalog_item (sku, type, name, price, currency)
                VALUES (:sku, :type, :name, :price, :currency)
                ON CONFLICT (sku) DO UPDATE SET type = excluded.type, name = excluded.name,
                    price = excluded.price, currency = excluded.currency, updated_at = now()
                """, items.stream().map(i -> params(Map.of("sku", i.sku().trim(), "type", i.type().trim(),
                "name", i.name().trim(), "price", i.price(), "currency", i.currency().trim().toUpperCase())))
                .toArray(SqlParameterSource[]::new));
        for (ItemIn i : items) {
            String sku = i.sku().trim();
            // an item without compatibleGtins keeps the models it fits (an ERP sends them as their own file)
            if (i.compatibleGtins() != null) {
                jdbc.update("DELETE FROM item_compatibility WHERE sku = :sku", Map.of("sku", sku));
                for (String g : i.compatibleGtins()) {
                    jdbc.update("INSERT INTO item_compatibility (sku, gtin) VALUES (:sku, :gtin) ON CONFLICT DO NOTHING",
                            Map.of("sku", sku, "gtin", Gtin.parse(g).value()));
                }
            }
            jdbc.update("DELETE FROM bundle_content WHERE bundle_sku = :sku", Map.of("sku", sku));
            for (String c : nonNull(i.contains())) {
                jdbc.update("INSERT INTO bundle_content (bundle_sku, item_sku) VALUES (:sku, :c) ON CONFLICT DO NOTHING",
                        Map.of("sku", sku, "c", c.trim()));
            }
        }

        jdbc.batchUpdate("""
                INSERT INTO unit (gtin, serial, batch, manufactured_on, market)
                VALUES (:gtin, :serial, :batch, :made, :market)
                ON CONFLICT (gtin, serial) DO UPDATE SET batch = excluded.batch,
                    manufactured_on = excluded.manufactured_on, market = excluded.market
                """, units.stream().map(u -> new MapSqlParameterSource()
                .addValue("gtin", Gtin.parse(u.gtin()).value())
                .addValue("serial", u.serial().trim())
                .addValue("batch", u.batch())
                .addValue("made", u.manufacturedOn())
                .addValue("market", u.market())).toArray(SqlParameterSource[]::new));
        return new CatalogUpload.Counts(models.size(), items.size(), units.size());
    }

    private void validate(CatalogUpload upload) {
        Problems p = new Problems();
        problemsOf(upload).forEach(f -> p.add(f.field(), f.reason()));
        p.throwIfAny();
    }

    /**
     * What is wrong with an upload, named by JSON path ({@code items[3].price}), checked against this upload
     * and what is stored; empty when {@link #upsert} would take it.
     */
    public List<FieldProblem> problemsOf(CatalogUpload upload) {
        Problems p = new Problems();
        Set<String> modelGtins = new HashSet<>(jdbc.queryForList("SELECT gtin FROM product_model", Map.of(), String.class));
        Set<String> skus = new HashSet<>(jdbc.queryForList("SELECT sku FROM catalog_item", Map.of(), String.class));
        Set<String> bundles = new HashSet<>(jdbc.queryForList("SELECT sku FROM catalog_item WHERE type = 'BUNDLE'", Map.of(), String.class));
        Map<String, String> gtinByModelCode = new HashMap<>();
        jdbc.query("SELECT model_code, gtin FROM product_model", Map.of(),
                rs -> { gtinByModelCode.put(rs.getString(1), rs.getString(2)); });
        List<ModelIn> models = upload.modelsOrEmpty();
        List<ItemIn> items = upload.itemsOrEmpty();
        List<UnitIn> units = upload.unitsOrEmpty();
        if (models.size() + items.size() + units.size() > MAX_ROWS) {
            return p.add("body", "holds more than " + MAX_ROWS + " models, items and units; send them in smaller uploads").list();
        }
        // what this upload adds counts as known to the rest of it
        for (ModelIn m : models) {
            if (m != null && Gtin.problemWith(m.gtin()) == null) {
                String gtin = Gtin.parse(m.gtin()).value();
                modelGtins.add(gtin);
                gtinByModelCode.values().remove(gtin); // this model's code may change in this upload
            }
        }
        for (ItemIn i : items) {
            if (i != null && !blank(i.sku())) {
                skus.add(i.sku().trim());
                bundles.remove(i.sku().trim());
                if (i.type() != null && "BUNDLE".equals(i.type().trim())) {
                    bundles.add(i.sku().trim());
                }
            }
        }
        Set<String> seenGtins = new HashSet<>();
        Set<String> seenModelCodes = new HashSet<>();
        for (int n = 0; n < models.size(); n++) {
            ModelIn m = models.get(n);
            String at = "models[" + n + "]";
            if (m == null) {
                p.add(at, "must be an object");
                continue;
            }
            String gtin = p.check(at + ".gtin", Gtin.problemWith(m.gtin())) ? Gtin.parse(m.gtin()).value() : null;
            if (gtin != null && !seenGtins.add(gtin)) {
                p.add(at + ".gtin", "appears twice in this upload");
            }
            if (p.text(at + ".model", m.model(), 64)) {
                String code = m.model().trim();
                String holder = gtinByModelCode.get(code);
                if (!seenModelCodes.add(code)) {
                    p.add(at + ".model", "appears twice in this upload");
                } else if (holder != null && !holder.equals(gtin)) {
                    p.add(at + ".model", "is already the model code of GTIN " + holder);
                }
            }
            p.text(at + ".productLine", m.productLine(), 64);
            if (p.require(at + ".warrantyMonths", m.warrantyMonths()) && (m.warrantyMonths() < 0 || m.warrantyMonths() > 240)) {
                p.add(at + ".warrantyMonths", "must be between 0 and 240");
            }
            if (!blank(m.successorGtin()) && p.check(at + ".successorGtin", Gtin.problemWith(m.successorGtin()))) {
                String successor = Gtin.parse(m.successorGtin()).value();
                if (!modelGtins.contains(successor)) {
                    p.add(at + ".successorGtin", "names no known model");
                } else if (successor.equals(gtin)) {
                    p.add(at + ".successorGtin", "must not be the model itself");
                }
            }
        }
        Set<String> seenSkus = new HashSet<>();
        for (int n = 0; n < items.size(); n++) {
            ItemIn i = items.get(n);
            String at = "items[" + n + "]";
            if (i == null) {
                p.add(at, "must be an object");
                continue;
            }
            String sku = null;
            if (p.text(at + ".sku", i.sku(), 64)) {
                sku = i.sku().trim();
                if (!seenSkus.add(sku)) {
                    p.add(at + ".sku", "appears twice in this upload");
                }
            }
            boolean bundle = false;
            if (p.require(at + ".type", i.type())) {
                try {
                    bundle = ItemType.valueOf(i.type().trim()) == ItemType.BUNDLE;
                } catch (IllegalArgumentException e) {
                    p.add(at + ".type", "must be one of " + java.util.Arrays.toString(ItemType.values()));
                }
            }
            p.text(at + ".name", i.name(), 200);
            p.money(at + ".price", i.price());
            p.currency(at + ".currency", i.currency());
            List<String> compatible = nonNull(i.compatibleGtins());
            for (int k = 0; k < compatible.size(); k++) {
                String f = at + ".compatibleGtins[" + k + "]";
                if (p.check(f, Gtin.problemWith(compatible.get(k))) && !modelGtins.contains(Gtin.parse(compatible.get(k)).value())) {
                    p.add(f, "names no known model");
                }
            }
            List<String> contains = nonNull(i.contains());
            if (!contains.isEmpty() && !bundle) {
                p.add(at + ".contains", "is allowed only for type BUNDLE");
            }
            if (bundle && contains.isEmpty()) {
                p.add(at + ".contains", "must name the items in the bundle");
            }
            for (int k = 0; k < contains.size(); k++) {
                String f = at + ".contains[" + k + "]";
                if (!p.require(f, contains.get(k))) {
                    continue;
                }
                String content = contains.get(k).trim();
                if (content.equals(sku)) {
                    p.add(f, "must not be the bundle itself");
                } else if (!skus.contains(content)) {
                    p.add(f, "names no known item");
                } else if (bundles.contains(content)) {
                    p.add(f, "is a bundle; a bundle holds single items");
                }
            }
        }
        Set<String> seenUnits = new HashSet<>();
        for (int n = 0; n < units.size(); n++) {
            UnitIn u = units.get(n);
            String at = "units[" + n + "]";
            if (u == null) {
                p.add(at, "must be an object");
                continue;
            }
            boolean gtinOk = p.check(at + ".gtin", Gtin.problemWith(u.gtin()));
            if (gtinOk && !modelGtins.contains(Gtin.parse(u.gtin()).value())) {
                p.add(at + ".gtin", "names no known model");
            }
            if (p.check(at + ".serial", Serial.problemWith(u.serial())) && gtinOk
                    && !seenUnits.add(Gtin.parse(u.gtin()).value() + "/" + u.serial().trim())) {
                p.add(at + ".serial", "appears twice in this upload for this GTIN");
            }
            p.maxLength(at + ".batch", u.batch(), 64);
            p.maxLength(at + ".market", u.market(), 64);
        }
        return p.list();
    }

    /** An item fits a model: one row of the item-to-model compatibility. */
    public record Fit(String sku, String gtin) {
    }

    /** What is wrong with a list of fits ({@code fits[n].sku}, {@code fits[n].gtin}): unknown item or model, a pair twice. */
    public List<FieldProblem> problemsOfFits(List<Fit> fits) {
        Problems p = new Problems();
        if (fits.size() > MAX_ROWS) {
            return p.add("body", "holds more than " + MAX_ROWS + " rows; send them in smaller files").list();
        }
        Set<String> modelGtins = new HashSet<>(jdbc.queryForList("SELECT gtin FROM product_model", Map.of(), String.class));
        Set<String> skus = new HashSet<>(jdbc.queryForList("SELECT sku FROM catalog_item", Map.of(), String.class));
        Set<String> seen = new HashSet<>();
        for (int n = 0; n < fits.size(); n++) {
            Fit f = fits.get(n);
            String at = "fits[" + n + "]";
            boolean skuOk = p.text(at + ".sku", f.sku(), 64);
            if (skuOk && !skus.contains(f.sku().trim())) {
                p.add(at + ".sku", "names no known item");
                skuOk = false;
            }
            if (p.check(at + ".gtin", Gtin.problemWith(f.gtin()))) {
                String gtin = Gtin.parse(f.gtin()).value();
                if (!modelGtins.contains(gtin)) {
                    p.add(at + ".gtin", "names no known model");
                } else if (skuOk && !seen.add(f.sku().trim() + "/" + gtin)) {
                    p.add(at + ".gtin", "appears twice in this file for this item");
                }
            }
        }
        return p.list();
    }

    /** Adds fits (those known already stay as they are), all or nothing; returns how many were new. */
    @Transactional
    public int addFits(List<Fit> fits) {
        Problems p = new Problems();
        problemsOfFits(fits).forEach(f -> p.add(f.field(), f.reason()));
        p.throwIfAny();
        if (fits.isEmpty()) {
            return 0;
        }
        String[] skus = fits.stream().map(f -> f.sku().trim()).toArray(String[]::new);
        int added = jdbc.getJdbcTemplate().update("""
                INSERT INTO item_compatibility (sku, gtin) SELECT * FROM unnest(?::text[], ?::char(14)[])
                ON CONFLICT DO NOTHING""",
                skus, fits.stream().map(f -> Gtin.parse(f.gtin()).value()).toArray(String[]::new));
        if (added > 0) {
            // the catalogue cache reloads when an item's updated_at moves
            jdbc.getJdbcTemplate().update("UPDATE catalog_item SET updated_at = now() WHERE sku = ANY (?)", (Object) skus);
        }
        return added;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static List<String> nonNull(List<String> list) {
        return list == null ? List.of() : list;
    }

    private static MapSqlParameterSource params(Map<String, ?> values) {
        return new MapSqlParameterSource(values);
    }
}
