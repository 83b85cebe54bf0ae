package io.aftersaleshub.catalog;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Holds the catalogue in memory. {@link #current()} costs one small query (the newest change time of
 * models and items) and reloads only when that moved, so a catalogue upload on any hub node is seen by the
 * next batch on every node.
 */
@Component
public class CatalogCache {

    private final JdbcClient jdbc;
    private volatile CatalogSnapshot snapshot;

    public CatalogCache(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public CatalogSnapshot current() {
        Instant version = jdbc.sql("""
                        SELECT greatest((SELECT max(updated_at) FROM product_model), (SELECT max(updated_at) FROM catalog_item))
                        """).query((rs, n) -> {
                            Timestamp t = rs.getTimestamp(1);
                            return t == null ? Instant.EPOCH : t.toInstant();
                        }).single();
        CatalogSnapshot s = snapshot;
        if (s == null || !s.version().equals(version)) {
            s = load(version);
            snapshot = s;
        }
        return s;
    }

    private CatalogSnapshot load(Instant version) {
        Map<String, CatalogSnapshot.Model> models = new HashMap<>();
        jdbc.sql("SELECT gtin, model_code, product_line, warranty_months, successor_gtin FROM product_model")
                .query((rs, n) -> new CatalogSnapshot.Model(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getString(5)))
                .list().forEach(m -> models.put(m.gtin(), m));
        Map<String, Set<String>> fits = new HashMap<>();
        jdbc.sql("SELECT sku, gtin FROM item_compatibility").query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .list().forEach(r -> fits.computeIfAbsent(r[0], k -> new HashSet<>()).add(r[1]));
        Map<String, List<String>> contents = new HashMap<>();
        jdbc.sql("SELECT bundle_sku, item_sku FROM bundle_content ORDER BY bundle_sku, item_sku")
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .list().forEach(r -> contents.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r[1]));
        Map<String, CatalogSnapshot.Item> items = new HashMap<>();
        jdbc.sql("SELECT sku, type, name, price, currency FROM catalog_item")
                .query((rs, n) -> new CatalogSnapshot.Item(rs.getString(1), ItemType.valueOf(rs.getString(2)), rs.getString(3),
                        rs.getBigDecimal(4), rs.getString(5), Set.copyOf(fits.getOrDefault(rs.getString(1), Set.of())),
                        List.copyOf(contents.getOrDefault(rs.getString(1), List.of()))))
                .list().forEach(i -> items.put(i.sku(), i));
        return new CatalogSnapshot(Map.copyOf(models), Map.copyOf(items), version);
    }
}
