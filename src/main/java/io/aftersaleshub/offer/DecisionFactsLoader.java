package io.aftersaleshub.offer;

import java.sql.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.aftersaleshub.catalog.ItemType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads decision facts and the catalogue entries of candidate offers. */
@Component
public class DecisionFactsLoader {

    /** A catalogue item as guardrails and offers need it; {@code fits} says whether it is compatible with the unit's model. */
    public record ItemInfo(String sku, ItemType type, String name, boolean fits, List<String> contents) {
    }

    private final JdbcClient jdbc;

    public DecisionFactsLoader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<DecisionFacts> load(String gtin, String serial) {
        Optional<DecisionFacts> base = jdbc.sql("""
                        SELECT u.id AS unit_id, u.gtin, u.serial, u.manufactured_on, m.model_code, m.product_line,
                               m.warranty_months, o.id AS owner_id, o.email, o.name, o.country, o.marketing_consent,
                               os.purchase_date
                        FROM unit u
                        JOIN product_model m ON m.gtin = u.gtin
                        LEFT JOIN ownership os ON os.unit_id = u.id AND os.owned_to IS NULL
                        LEFT JOIN owner o ON o.id = os.owner_id
                        WHERE u.gtin = ? AND u.serial = ?
                        """)
                .params(gtin, serial)
                .query((rs, n) -> new DecisionFacts(rs.getLong("unit_id"), rs.getString("gtin"), rs.getString("serial"),
                        rs.getString("model_code"), rs.getString("product_line"), rs.getInt("warranty_months"),
                        toLocal(rs.getDate("manufactured_on")), rs.getObject("owner_id", UUID.class), rs.getString("email"),
                        rs.getString("name"), rs.getString("country"), rs.getBoolean("marketing_consent"),
                        toLocal(rs.getDate("purchase_date")), Set.of()))
                .optional();
        return base.map(f -> f.ownerId() == null ? f : withOwned(f));
    }

    public Map<String, ItemInfo> items(List<String> skus, String gtin) {
        if (skus.isEmpty()) {
            return Map.of();
        }
        Map<String, ItemInfo> out = new java.util.HashMap<>();
        jdbc.sql("""
                        SELECT ci.sku, ci.type, ci.name,
                               EXISTS (SELECT 1 FROM item_compatibility c WHERE c.sku = ci.sku AND c.gtin = ?) AS fits,
                               ARRAY(SELECT b.item_sku FROM bundle_content b WHERE b.bundle_sku = ci.sku) AS contents
                        FROM catalog_item ci WHERE ci.sku = ANY (?)
                        """)
                .params(gtin, skus.toArray(String[]::new))
                .query((rs, n) -> new ItemInfo(rs.getString("sku"), ItemType.valueOf(rs.getString("type")),
                        rs.getString("name"), rs.getBoolean("fits"),
                        List.of((String[]) rs.getArray("contents").getArray())))
                .list().forEach(i -> out.put(i.sku(), i));
        return out;
    }

    private DecisionFacts withOwned(DecisionFacts f) {
        Set<String> owned = new HashSet<>(jdbc.sql("SELECT DISTINCT sku FROM purchase WHERE owner_id = ?")
                .param(f.ownerId()).query(String.class).list());
        return new DecisionFacts(f.unitId(), f.gtin(), f.serial(), f.modelCode(), f.productLine(), f.warrantyMonths(),
                f.manufacturedOn(), f.ownerId(), f.ownerEmail(), f.ownerName(), f.ownerCountry(), f.marketingConsent(),
                f.purchaseDate(), Set.copyOf(owned));
    }

    private static java.time.LocalDate toLocal(Date d) {
        return d == null ? null : d.toLocalDate();
    }
}
