package io.aftersaleshub.measure;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** measure's own tables: attributions (one per decision with an offer), conversions and their refunds. */
@Repository
class MeasureStore {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    MeasureStore(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    void insertAttributions(List<Attribution> rows) {
        template.batchUpdate("""
                        INSERT INTO measure_attribution (decision_id, owner_email, moment, sku, decided_at)
                        VALUES (?, ?, ?, ?, ?) ON CONFLICT (decision_id) DO NOTHING
                        """, rows, rows.size(), (ps, a) -> {
                    ps.setObject(1, a.decisionId());
                    ps.setString(2, a.ownerEmail());
                    ps.setString(3, a.moment());
                    ps.setString(4, a.sku());
                    ps.setTimestamp(5, Timestamp.from(a.decidedAt()));
                });
    }

    /** True when the decision is known and now carries this code (or carried it already). */
    boolean setDiscountCode(UUID decisionId, String code) {
        return jdbc.sql("UPDATE measure_attribution SET discount_code = ? WHERE decision_id = ? AND (discount_code IS NULL OR discount_code = ?)")
                .params(code, decisionId, code).update() == 1;
    }

    /** The owner's offers not converted yet, locked so that two orders of one owner are matched one after the other. */
    List<Attribution> openFor(String ownerEmail) {
        return jdbc.sql("""
                        SELECT a.* FROM measure_attribution a
                        WHERE a.owner_email = ? AND NOT EXISTS (SELECT 1 FROM measure_conversion c WHERE c.decision_id = a.decision_id)
                        ORDER BY a.decided_at FOR UPDATE
                        """)
                .param(ownerEmail).query(MeasureStore::attribution).list();
    }

    /** Inserts the conversion unless its decision converted already; true when it was new. */
    boolean insertConversion(Conversion c) {
        return jdbc.sql("""
                        INSERT INTO measure_conversion (decision_id, order_ref, matched_by, revenue, currency, converted_at)
                        VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (decision_id) DO NOTHING
                        """)
                .params(c.decisionId(), c.orderRef(), c.matchedBy().name(), c.revenue(), c.currency(), Timestamp.from(c.at()))
                .update() == 1;
    }

    /** The order's conversions with the SKU each was offered for. */
    List<Converted> conversionsOfOrder(String orderRef) {
        return jdbc.sql("""
                        SELECT c.*, a.sku FROM measure_conversion c JOIN measure_attribution a USING (decision_id)
                        WHERE c.order_ref = ? FOR UPDATE OF c
                        """)
                .param(orderRef).query((rs, n) -> new Converted(conversion(rs), rs.getString("sku"))).list();
    }

    /** Records the refund against the conversion once (by refund id); a repeated refund changes nothing. */
    boolean refund(UUID decisionId, String refundRef, BigDecimal amount, java.time.Instant at) {
        int rows = jdbc.sql("""
                        INSERT INTO measure_conversion_refund (decision_id, refund_ref, amount, refunded_at)
                        VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING
                        """)
                .params(decisionId, refundRef, amount, Timestamp.from(at)).update();
        if (rows == 0) {
            return false;
        }
        jdbc.sql("""
                        UPDATE measure_conversion SET refunded = least(revenue, refunded + ?), reversed_at = coalesce(reversed_at, ?)
                        WHERE decision_id = ?
                        """)
                .params(amount, Timestamp.from(at), decisionId).update();
        return true;
    }

    Optional<Conversion> conversionOf(UUID decisionId) {
        return jdbc.sql("SELECT * FROM measure_conversion WHERE decision_id = ?").param(decisionId)
                .query((rs, n) -> conversion(rs)).optional();
    }

    record Converted(Conversion conversion, String sku) {
    }

    private static Attribution attribution(ResultSet rs, int n) throws SQLException {
        return new Attribution(rs.getObject("decision_id", UUID.class), rs.getString("owner_email"), rs.getString("moment"),
                rs.getString("sku"), rs.getString("discount_code"), rs.getTimestamp("decided_at").toInstant());
    }

    private static Conversion conversion(ResultSet rs) throws SQLException {
        Timestamp reversed = rs.getTimestamp("reversed_at");
        return new Conversion(rs.getObject("decision_id", UUID.class), rs.getString("order_ref"),
                Conversion.MatchedBy.valueOf(rs.getString("matched_by")), rs.getBigDecimal("revenue"), rs.getString("currency"),
                rs.getTimestamp("converted_at").toInstant(), rs.getBigDecimal("refunded"),
                reversed == null ? null : reversed.toInstant());
    }
}
