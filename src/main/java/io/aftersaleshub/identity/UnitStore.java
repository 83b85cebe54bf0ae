package io.aftersaleshub.identity;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Serialized units by their GS1 identity (GTIN + serial). */
@Repository
public class UnitStore {

    public record Unit(long id, String gtin, String serial, String modelCode, int warrantyMonths) {
    }

    private final JdbcClient jdbc;

    public UnitStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A unit as decisions need it: its row id, identity, and what the manufacturer knows of it. */
    public record UnitFacts(long id, String gtin, String serial, LocalDate manufacturedOn, String market) {
    }

    /** Units by {@link Gtin#key(String, String)}, read with one statement; unknown ones are absent. */
    public Map<String, UnitFacts> findAll(Collection<String[]> gtinAndSerials) {
        if (gtinAndSerials.isEmpty()) {
            return Map.of();
        }
        String[] gtins = gtinAndSerials.stream().map(k -> k[0]).toArray(String[]::new);
        String[] serials = gtinAndSerials.stream().map(k -> k[1]).toArray(String[]::new);
        Map<String, UnitFacts> out = new HashMap<>();
        jdbc.sql("""
                        SELECT u.id, u.gtin, u.serial, u.manufactured_on, u.market
                        FROM unit u JOIN unnest(?, ?) AS k(gtin, serial) ON u.gtin = k.gtin AND u.serial = k.serial
                        """)
                .params(gtins, serials)
                .query(UnitStore::facts)
                .list().forEach(u -> out.put(Gtin.key(u.gtin(), u.serial()), u));
        return out;
    }

    private static UnitFacts facts(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        java.sql.Date made = rs.getDate(4);
        return new UnitFacts(rs.getLong(1), rs.getString(2), rs.getString(3), made == null ? null : made.toLocalDate(),
                rs.getString(5));
    }

    /** Units by row id, read with one statement; unknown ids are absent. */
    public Map<Long, UnitFacts> byIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<Long, UnitFacts> out = new HashMap<>();
        jdbc.sql("SELECT id, gtin, serial, manufactured_on, market FROM unit WHERE id = ANY (?)")
                .param(ids.toArray(Long[]::new))
                .query(UnitStore::facts)
                .list().forEach(u -> out.put(u.id(), u));
        return out;
    }

    /**
     * Locks the units of a batch of registrations with one statement, in id order so that two writers
     * never deadlock; returns them by {@link Gtin#key(String, String)}, unknown ones absent.
     */
    public Map<String, Unit> lockAll(Collection<String[]> gtinAndSerials) {
        if (gtinAndSerials.isEmpty()) {
            return Map.of();
        }
        Map<String, Unit> out = new HashMap<>();
        jdbc.sql("""
                        SELECT u.id, u.gtin, u.serial, m.model_code, m.warranty_months
                        FROM unit u JOIN product_model m ON m.gtin = u.gtin
                        JOIN unnest(?, ?) AS k(gtin, serial) ON u.gtin = k.gtin AND u.serial = k.serial
                        ORDER BY u.id FOR UPDATE OF u
                        """)
                .params(gtinAndSerials.stream().map(k -> k[0]).toArray(String[]::new),
                        gtinAndSerials.stream().map(k -> k[1]).toArray(String[]::new))
                .query((rs, n) -> new Unit(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5)))
                .list().forEach(u -> out.put(Gtin.key(u.gtin(), u.serial()), u));
        return out;
    }

    public Optional<Unit> find(String gtin, String serial) {
        return query("", gtin, serial);
    }

    private Optional<Unit> query(String suffix, String gtin, String serial) {
        return jdbc.sql("""
                        SELECT u.id, u.gtin, u.serial, m.model_code, m.warranty_months
                        FROM unit u JOIN product_model m ON m.gtin = u.gtin
                        WHERE u.gtin = ? AND u.serial = ?""" + suffix)
                .params(gtin, serial)
                .query((rs, n) -> new Unit(rs.getLong("id"), rs.getString("gtin"), rs.getString("serial"),
                        rs.getString("model_code"), rs.getInt("warranty_months")))
                .optional();
    }
}
