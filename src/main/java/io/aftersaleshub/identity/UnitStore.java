package io.aftersaleshub.identity;

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

    public Optional<Unit> find(String gtin, String serial) {
        return query("", gtin, serial);
    }

    /** Locks the unit row, so that concurrent registrations of one unit are taken one after the other. */
    public Optional<Unit> lock(String gtin, String serial) {
        return query(" FOR UPDATE OF u", gtin, serial);
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
