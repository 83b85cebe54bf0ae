package io.aftersaleshub.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.aftersaleshub.catalog.CatalogUpload.ItemIn;
import io.aftersaleshub.catalog.CatalogUpload.ModelIn;
import io.aftersaleshub.catalog.CatalogUpload.UnitIn;
import io.aftersaleshub.identity.Gtin;
import io.aftersaleshub.platform.Problems;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Validates a catalogue upload as a whole, then upserts it in one transaction (all or nothing). */
@Service
public class CatalogService {

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
            jdbc.update("DELETE FROM item_compatibility WHERE sku = :sku", Map.of("sku", sku));
            for (String g : nonNull(i.compatibleGtins())) {
                jdbc.update("INSERT INTO item_compatibility (sku, gtin) VALUES (:sku, :gtin) ON CONFLICT DO NOTHING",
                        Map.of("sku", sku, "gtin", Gtin.parse(g).value()));
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
        Set<String> modelGtins = new HashSet<>(jdbc.queryForList("SELECT gtin FROM product_model", Map.of(), String.class));
        Set<String> skus = new HashSet<>(jdbc.queryForList("SELECT sku FROM catalog_item", Map.of(), String.class));
        List<ModelIn> models = upload.modelsOrEmpty();
        for (ModelIn m : models) {
            if (m != null && Gtin.problemWith(m.gtin()) == null) {
                modelGtins.add(Gtin.parse(m.gtin()).value());
            }
        }
        for (ItemIn i : upload.itemsOrEmpty()) {
            if (i != null && !blank(i.sku())) {
                skus.add(i.sku().trim());
            }
        }
        Set<String> seenModelCodes = new HashSet<>();
        for (int n = 0; n < models.size(); n++) {
            ModelIn m = models.get(n);
            String at = "models[" + n + "]";
            if (m == null) {
                p.add(at, "must be an object");
                continue;
            }
            gtin(p, at + ".gtin", m.gtin());
            if (p.require(at + ".model", m.model()) && !seenModelCodes.add(m.model().trim())) {
                p.add(at + ".model", "appears twice in this upload");
            }
            p.require(at + ".productLine", m.productLine());
            if (p.require(at + ".warrantyMonths", m.warrantyMonths()) && (m.warrantyMonths() < 0 || m.warrantyMonths() > 240)) {
                p.add(at + ".warrantyMonths", "must be between 0 and 240");
            }
            if (!blank(m.successorGtin()) && gtin(p, at + ".successorGtin", m.successorGtin())
                    && !modelGtins.contains(Gtin.parse(m.successorGtin()).value())) {
                p.add(at + ".successorGtin", "names no known model");
            }
        }
        List<ItemIn> items = upload.itemsOrEmpty();
        for (int n = 0; n < items.size(); n++) {
            ItemIn i = items.get(n);
            String at = "items[" + n + "]";
            if (i == null) {
                p.add(at, "must be an object");
                continue;
            }
            if (p.require(at + ".sku", i.sku())) {
                p.maxLength(at + ".sku", i.sku(), 64);
            }
            boolean bundle = false;
            if (p.require(at + ".type", i.type())) {
                try {
                    bundle = ItemType.valueOf(i.type().trim()) == ItemType.BUNDLE;
                } catch (IllegalArgumentException e) {
                    p.add(at + ".type", "must be one of " + java.util.Arrays.toString(ItemType.values()));
                }
            }
            p.require(at + ".name", i.name());
            if (p.require(at + ".price", i.price()) && i.price().signum() < 0) {
                p.add(at + ".price", "must not be negative");
            }
            if (p.require(at + ".currency", i.currency()) && !i.currency().trim().matches("[A-Za-z]{3}")) {
                p.add(at + ".currency", "must be a 3-letter ISO 4217 code");
            }
            List<String> compatible = nonNull(i.compatibleGtins());
            for (int k = 0; k < compatible.size(); k++) {
                String f = at + ".compatibleGtins[" + k + "]";
                if (gtin(p, f, compatible.get(k)) && !modelGtins.contains(Gtin.parse(compatible.get(k)).value())) {
                    p.add(f, "names no known model");
                }
            }
            List<String> contains = nonNull(i.contains());
            if (!contains.isEmpty() && !bundle) {
                p.add(at + ".contains", "is allowed only for type BUNDLE");
            }
            for (int k = 0; k < contains.size(); k++) {
                String f = at + ".contains[" + k + "]";
                if (p.require(f, contains.get(k)) && !skus.contains(contains.get(k).trim())) {
                    p.add(f, "names no known item");
                }
            }
        }
        List<UnitIn> units = upload.unitsOrEmpty();
        for (int n = 0; n < units.size(); n++) {
            UnitIn u = units.get(n);
            String at = "units[" + n + "]";
            if (u == null) {
                p.add(at, "must be an object");
                continue;
            }
            if (gtin(p, at + ".gtin", u.gtin()) && !modelGtins.contains(Gtin.parse(u.gtin()).value())) {
                p.add(at + ".gtin", "names no known model");
            }
            if (p.require(at + ".serial", u.serial())) {
                serial(p, at + ".serial", u.serial());
            }
        }
        p.throwIfAny();
    }

    /** GS1 AI (21) serial: 1–20 characters of the GS1 CSET 82 printable set. */
    public static void serial(Problems p, String field, String serial) {
        String s = serial.trim();
        if (s.isEmpty() || s.length() > 20 || !s.matches("[!\"%&'()*+,\\-./0-9:;<=>?A-Z_a-z]+")) {
            p.add(field, "must be 1-20 characters of the GS1 serial character set");
        }
    }

    private static boolean gtin(Problems p, String field, String value) {
        String problem = Gtin.problemWith(value);
        if (problem != null) {
            p.add(field, problem);
            return false;
        }
        return true;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static List<String> nonNull(List<String> list) {
        return list == null ? List.of() : new ArrayList<>(list.stream().filter(x -> x != null).toList());
    }

    private static MapSqlParameterSource params(Map<String, ?> values) {
        return new MapSqlParameterSource(values);
    }
}
