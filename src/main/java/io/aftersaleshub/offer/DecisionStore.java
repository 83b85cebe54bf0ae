package io.aftersaleshub.offer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.aftersaleshub.catalog.ItemType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Decisions in PostgreSQL: one per event, enforced by the unique event_id. */
@Repository
public class DecisionStore {

    private static final String SELECT = """
            SELECT d.*, ci.type AS offer_type, ci.name AS offer_name
            FROM decision d LEFT JOIN catalog_item ci ON ci.sku = d.offer_sku
            """;

    private final JdbcClient jdbc;

    public DecisionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Decision d) {
        Offer o = d.offer();
        jdbc.sql("""
                        INSERT INTO decision (id, event_id, moment, unit_id, owner_id, offer_sku, discount_percent, expires_at,
                                              reason, rules_version, rule_name, decided_at)
                        VALUES (:id, :eventId, :moment, :unitId, :ownerId, :sku, :discount, :expiresAt, :reason, :version, :rule, :decidedAt)
                        """)
                .param("id", d.decisionId())
                .param("eventId", d.eventId())
                .param("moment", d.moment().name())
                .param("unitId", d.unitId())
                .param("ownerId", d.ownerId())
                .param("sku", o == null ? null : o.sku())
                .param("discount", o == null ? null : o.discountPercent())
                .param("expiresAt", o == null || o.expiresAt() == null ? null : Timestamp.from(o.expiresAt()))
                .param("reason", d.reason())
                .param("version", d.rulesVersion())
                .param("rule", d.ruleName())
                .param("decidedAt", Timestamp.from(d.decidedAt()))
                .update();
    }

    /** Whether this owner already got an offer for this unit at this moment. */
    public boolean offered(long unitId, UUID ownerId, Moment moment) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM decision WHERE unit_id = ? AND owner_id = ? AND moment = ? AND offer_sku IS NOT NULL)")
                .params(unitId, ownerId, moment.name()).query(Boolean.class).single();
    }

    public Optional<Decision> findByEvent(UUID eventId) {
        return jdbc.sql(SELECT + " WHERE d.event_id = ?").param(eventId).query(DecisionStore::map).optional();
    }

    public Optional<Decision> find(UUID decisionId) {
        return jdbc.sql(SELECT + " WHERE d.id = ?").param(decisionId).query(DecisionStore::map).optional();
    }

    public List<Decision> findByUnit(long unitId) {
        return jdbc.sql(SELECT + " WHERE d.unit_id = ? ORDER BY d.decided_at, d.id").param(unitId).query(DecisionStore::map).list();
    }

    private static Decision map(ResultSet rs, int n) throws SQLException {
        Offer offer = null;
        if (rs.getString("offer_sku") != null) {
            Timestamp exp = rs.getTimestamp("expires_at");
            offer = new Offer(rs.getString("offer_sku"), ItemType.valueOf(rs.getString("offer_type")), rs.getString("offer_name"),
                    rs.getInt("discount_percent"), exp == null ? null : exp.toInstant());
        }
        long unitId = rs.getLong("unit_id");
        return new Decision(rs.getObject("id", UUID.class), rs.getObject("event_id", UUID.class),
                Moment.valueOf(rs.getString("moment")), rs.wasNull() ? null : unitId, rs.getObject("owner_id", UUID.class),
                offer, rs.getString("reason"), rs.getString("rules_version"), rs.getString("rule_name"),
                rs.getTimestamp("decided_at").toInstant());
    }

}
