package io.aftersaleshub.owner;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.aftersaleshub.identity.UnitStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An owner's data under the GDPR: the export gathers everything the hub holds about an owner (the owner's
 * own records here, the other modules' through {@link PersonalData}); erasure removes the personal data —
 * name, e-mail address, locale, country and consent — everywhere in one transaction, and keeps ownerships,
 * purchases, decisions and actions linked to the anonymised owner row, so that counts and conversions still
 * add up. Erasing an erased owner changes nothing.
 */
@Service
public class OwnerData {

    /** The e-mail address an erased owner keeps: unique (the owner id), and never deliverable ({@code .invalid}, RFC 2606). */
    static String erasedEmail(UUID ownerId) {
        return "erased-" + ownerId + "@invalid";
    }

    private final JdbcClient jdbc;
    private final UnitStore units;
    private final List<PersonalData> modules;

    public OwnerData(JdbcClient jdbc, UnitStore units, List<PersonalData> modules) {
        this.jdbc = jdbc;
        this.units = units;
        this.modules = modules;
    }

    /** Everything held about the owner, or empty for an unknown id. */
    @Transactional(readOnly = true)
    public Optional<Map<String, Object>> export(UUID ownerId) {
        return owner(ownerId).map(owner -> {
            PersonalData.Subject subject = subject(owner);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("owner", owner);
            out.put("ownerships", ownerships(ownerId));
            out.put("purchases", purchases(ownerId));
            modules.forEach(m -> out.put(m.section(), m.export(subject)));
            return out;
        });
    }

    /** Erases the owner's personal data; false for an unknown id. */
    @Transactional
    public boolean erase(UUID ownerId) {
        Optional<Map<String, Object>> owner = jdbc.sql("SELECT * FROM owner WHERE id = ? FOR UPDATE").param(ownerId)
                .query(OwnerData::ownerRow).optional();
        if (owner.isEmpty()) {
            return false;
        }
        PersonalData.Subject subject = subject(owner.get());
        modules.forEach(m -> m.erase(subject));
        jdbc.sql("""
                        UPDATE owner SET email = ?, name = NULL, country = NULL, locale = NULL, marketing_consent = false,
                            consent_changed_at = NULL, erased_at = coalesce(erased_at, now())
                        WHERE id = ?
                        """)
                .params(erasedEmail(ownerId), ownerId).update();
        return true;
    }

    private static PersonalData.Subject subject(Map<String, Object> owner) {
        return new PersonalData.Subject((UUID) owner.get("id"), (String) owner.get("email"), (String) owner.get("name"));
    }

    private Optional<Map<String, Object>> owner(UUID ownerId) {
        return jdbc.sql("SELECT * FROM owner WHERE id = ?").param(ownerId).query(OwnerData::ownerRow).optional();
    }

    private static Map<String, Object> ownerRow(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", rs.getObject("id", UUID.class));
        o.put("email", rs.getString("email"));
        o.put("name", rs.getString("name"));
        o.put("country", rs.getString("country"));
        o.put("locale", rs.getString("locale"));
        o.put("marketingConsent", rs.getBoolean("marketing_consent"));
        o.put("consentChangedAt", instant(rs.getTimestamp("consent_changed_at")));
        o.put("createdAt", instant(rs.getTimestamp("created_at")));
        o.put("erasedAt", instant(rs.getTimestamp("erased_at")));
        return o;
    }

    private List<Map<String, Object>> ownerships(UUID ownerId) {
        List<Map<String, Object>> rows = jdbc.sql("""
                        SELECT id, unit_id, owned_from, owned_to, purchase_date, channel FROM ownership
                        WHERE owner_id = ? ORDER BY owned_from
                        """)
                .param(ownerId)
                .query((rs, n) -> {
                    Map<String, Object> o = new LinkedHashMap<>();
                    o.put("id", rs.getObject("id", UUID.class));
                    o.put("unitId", rs.getLong("unit_id"));
                    o.put("ownedFrom", instant(rs.getTimestamp("owned_from")));
                    o.put("ownedTo", instant(rs.getTimestamp("owned_to")));
                    o.put("purchaseDate", rs.getDate("purchase_date").toLocalDate().toString());
                    o.put("channel", rs.getString("channel"));
                    return o;
                }).list();
        Map<Long, UnitStore.UnitFacts> byId = units.byIds(rows.stream().map(r -> (Long) r.get("unitId")).toList());
        rows.forEach(r -> {
            UnitStore.UnitFacts u = byId.get((Long) r.remove("unitId"));
            r.put("unit", u == null ? null : Map.of("gtin", u.gtin(), "serial", u.serial()));
        });
        return rows;
    }

    private List<Map<String, Object>> purchases(UUID ownerId) {
        return jdbc.sql("""
                        SELECT sku, order_ref, amount, currency, purchased_at, source, created_at FROM purchase
                        WHERE owner_id = ? ORDER BY purchased_at, id
                        """)
                .param(ownerId)
                .query((rs, n) -> {
                    Map<String, Object> p = new LinkedHashMap<>();
                    p.put("sku", rs.getString("sku"));
                    p.put("orderRef", rs.getString("order_ref"));
                    p.put("amount", rs.getBigDecimal("amount"));
                    p.put("currency", rs.getString("currency"));
                    p.put("purchasedAt", instant(rs.getTimestamp("purchased_at")));
                    p.put("source", rs.getString("source"));
                    p.put("createdAt", instant(rs.getTimestamp("created_at")));
                    return p;
                }).list();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
