package io.aftersaleshub.offer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.sql.Types;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftersaleshub.catalog.ItemType;
import io.aftersaleshub.rules.vocabulary.FactValues;
import io.aftersaleshub.rules.vocabulary.Moment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Decisions in PostgreSQL: one per event, enforced by the unique event_id. */
@Repository
public class DecisionStore {

    private static final String SELECT = """
            SELECT d.*, ci.type AS offer_type, ci.name AS offer_name
            FROM decision d LEFT JOIN catalog_item ci ON ci.sku = d.offer_sku
            """;

    private final JdbcClient jdbcClient;
    private final JdbcTemplate jdbc;

    public DecisionStore(JdbcClient jdbcClient, JdbcTemplate jdbc) {
        this.jdbcClient = jdbcClient;
        this.jdbc = jdbc;
    }

    /** Inserts the decisions of a batch with one multi-row statement (the driver rewrites the batch). */
    public void insertAll(List<Decision> decisions) {
        if (decisions.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
                        INSERT INTO decision (id, event_id, moment, unit_id, owner_id, offer_sku, discount_percent, expires_at,
                                              reason, rules_version, rule_name, decided_at, status, facts, candidates, guardrails)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb), CAST(? AS jsonb))
                        """, decisions, decisions.size(), (ps, d) -> {
                    Offer o = d.offer();
                    ps.setObject(1, d.decisionId());
                    ps.setObject(2, d.eventId());
                    ps.setString(3, d.moment().name());
                    ps.setObject(4, d.unitId(), Types.BIGINT);
                    ps.setObject(5, d.ownerId());
                    ps.setString(6, o == null ? null : o.sku());
                    ps.setObject(7, o == null ? null : o.discountPercent(), Types.INTEGER);
                    ps.setTimestamp(8, o == null || o.expiresAt() == null ? null : Timestamp.from(o.expiresAt()));
                    ps.setString(9, d.reason());
                    ps.setString(10, d.rulesVersion());
                    ps.setString(11, d.ruleName());
                    ps.setTimestamp(12, Timestamp.from(d.decidedAt()));
                    Explanation e = d.explanation() == null ? Explanation.NONE : d.explanation();
                    ps.setString(13, d.status().name());
                    ps.setString(14, e.facts() == null ? null : json(e.facts()));
                    ps.setString(15, json(e.candidates()));
                    ps.setString(16, json(e.guardrails()));
                });
    }

    /** Delivered offers of an owner: how many in the last 30 days, and how many inside the cap's window. */
    public record Delivered(int last30Days, int inCapWindow) {
        public static final Delivered NONE = new Delivered(0, 0);
    }

    /**
     * Offers delivered (status OFFERED: held-out and capped decisions do not count) to these owners since
     * the given instants, with one statement for a batch; owners without any are absent.
     */
    public Map<UUID, Delivered> delivered(Collection<UUID> ownerIds, Instant since30Days, Instant capWindowStart) {
        if (ownerIds.isEmpty()) {
            return Map.of();
        }
        Instant earliest = since30Days.isBefore(capWindowStart) ? since30Days : capWindowStart;
        Map<UUID, Delivered> out = new HashMap<>();
        jdbc.query("""
                        SELECT owner_id, count(*) FILTER (WHERE decided_at > ?), count(*) FILTER (WHERE decided_at > ?)
                        FROM decision WHERE owner_id = ANY (?) AND status = 'OFFERED' AND decided_at > ?
                        GROUP BY owner_id
                        """, (ResultSet rs) -> {
                    out.put(rs.getObject(1, UUID.class), new Delivered(rs.getInt(2), rs.getInt(3)));
                }, Timestamp.from(since30Days), Timestamp.from(capWindowStart), ownerIds.toArray(UUID[]::new),
                Timestamp.from(earliest));
        return out;
    }

    /** Of these (unit, owner, moment) keys, the ones that already got an offer: one statement for a batch. */
    public Set<OfferKey> offered(Collection<OfferKey> keys) {
        if (keys.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.query("""
                        SELECT DISTINCT d.unit_id, d.owner_id, d.moment FROM decision d
                        JOIN unnest(?, ?, ?) AS k(unit_id, owner_id, moment)
                          ON d.unit_id = k.unit_id AND d.owner_id = k.owner_id AND d.moment = k.moment
                        WHERE d.offer_sku IS NOT NULL
                        """, (rs, n) -> new OfferKey(rs.getLong(1), rs.getObject(2, UUID.class), Moment.valueOf(rs.getString(3))),
                keys.stream().map(OfferKey::unitId).toArray(Long[]::new),
                keys.stream().map(OfferKey::ownerId).toArray(UUID[]::new),
                keys.stream().map(k -> k.moment().name()).toArray(String[]::new)));
    }

    /** An offer to this owner for this unit at this moment. */
    public record OfferKey(long unitId, UUID ownerId, Moment moment) {
    }

    public Optional<Decision> findByEvent(UUID eventId) {
        return jdbcClient.sql(SELECT + " WHERE d.event_id = ?").param(eventId).query(DecisionStore::map).optional();
    }

    public Optional<Decision> find(UUID decisionId) {
        return jdbcClient.sql(SELECT + " WHERE d.id = ?").param(decisionId).query(DecisionStore::map).optional();
    }

    public List<Decision> findByUnit(long unitId) {
        return jdbcClient.sql(SELECT + " WHERE d.unit_id = ? ORDER BY d.decided_at, d.id").param(unitId).query(DecisionStore::map).list();
    }

    private static Decision map(ResultSet rs, int n) throws SQLException {
        Offer offer = null;
        if (rs.getString("offer_sku") != null) {
            Timestamp exp = rs.getTimestamp("expires_at");
            offer = new Offer(rs.getString("offer_sku"), ItemType.valueOf(rs.getString("offer_type")), rs.getString("offer_name"),
                    rs.getInt("discount_percent"), exp == null ? null : exp.toInstant());
        }
        long unitId = rs.getLong("unit_id");
        Long unit = rs.wasNull() ? null : unitId;
        String facts = rs.getString("facts");
        Explanation explanation = new Explanation(facts == null ? null : read(facts, FACTS),
                read(rs.getString("candidates"), CANDIDATES), read(rs.getString("guardrails"), GUARDRAILS));
        return new Decision(rs.getObject("id", UUID.class), rs.getObject("event_id", UUID.class),
                Moment.valueOf(rs.getString("moment")), unit, rs.getObject("owner_id", UUID.class),
                DecisionStatus.valueOf(rs.getString("status")), offer, rs.getString("reason"), rs.getString("rules_version"),
                rs.getString("rule_name"), rs.getTimestamp("decided_at").toInstant(), explanation);
    }

    // the explanation's own mapper: facts stored under an older vocabulary still read (unknown ones are skipped)
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final TypeReference<FactValues> FACTS = new TypeReference<>() { };
    private static final TypeReference<List<Explanation.Candidate>> CANDIDATES = new TypeReference<>() { };
    private static final TypeReference<List<Explanation.GuardrailStep>> GUARDRAILS = new TypeReference<>() { };

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a decision's explanation", e);
        }
    }

    private static <T> T read(String text, TypeReference<T> type) {
        try {
            return JSON.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a decision's explanation", e);
        }
    }

}
