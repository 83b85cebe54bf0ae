package io.aftersaleshub.dispatch;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Outbound actions of every channel, each with the payload its sink needs and a unique idempotency key
 * ({@code <channel>:<decision id>}) that travels with it. A sender claims an action before sending so
 * that two copies of its queue message never both send; an action is marked published once its queue
 * message is committed, so only unpublished ones are ever published again.
 */
@Repository
public class OutboxStore {

    public enum Status { PENDING, SENT, FAILED }

    public record NewAction(UUID id, UUID decisionId, String channel, Map<String, Object> payload) {
    }

    public record Action(UUID id, UUID decisionId, String channel, String idempotencyKey, Map<String, Object> payload,
                         Status status, int attempts, String lastError, Instant createdAt, Instant sentAt) {
    }

    /** An action to send now, held by the caller until it is marked sent or its attempt is recorded. */
    public record Claimed(UUID id, String channel, String idempotencyKey, Map<String, Object> payload) {
    }

    /** An action id and the channel whose queue carries it. */
    public record Routed(UUID id, String channel) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final ObjectMapper json;

    public OutboxStore(JdbcClient jdbc, JdbcTemplate template, ObjectMapper json) {
        this.jdbc = jdbc;
        this.template = template;
        this.json = json;
    }

    public void insertAll(List<NewAction> actions) {
        template.batchUpdate("""
                        INSERT INTO outbound_action (id, decision_id, channel, idempotency_key, payload, status)
                        VALUES (?, ?, ?, ?, CAST(? AS jsonb), 'PENDING')
                        """, actions, actions.size(), (ps, a) -> {
                    ps.setObject(1, a.id());
                    ps.setObject(2, a.decisionId());
                    ps.setString(3, a.channel());
                    ps.setString(4, a.channel() + ":" + a.decisionId());
                    ps.setString(5, toJson(a.payload()));
                });
    }

    public List<Action> findByDecisions(Collection<UUID> decisionIds) {
        if (decisionIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT * FROM outbound_action WHERE decision_id = ANY (?) ORDER BY created_at, channel")
                .param(decisionIds.toArray(UUID[]::new)).query(this::map).list();
    }

    /**
     * Claims those of the actions that are pending and held by nobody, with one statement; the others (sent,
     * failed, or held by another sender) are left out.
     */
    public List<Claimed> claimAll(Collection<UUID> ids, Duration hold) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        UPDATE outbound_action SET claimed_until = now() + make_interval(secs => ?), attempts = attempts + 1
                        WHERE id = ANY (?) AND status = 'PENDING' AND (claimed_until IS NULL OR claimed_until < now())
                        RETURNING id, channel, idempotency_key, payload
                        """)
                .params((double) hold.toSeconds(), ids.toArray(UUID[]::new))
                .query((rs, n) -> new Claimed(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), fromJson(rs.getString(4))))
                .list();
    }

    public void markSent(Collection<UUID> ids) {
        if (!ids.isEmpty()) {
            jdbc.sql("""
                            UPDATE outbound_action SET status = 'SENT', sent_at = now(), claimed_until = NULL, last_error = NULL
                            WHERE id = ANY (?)
                            """)
                    .param(ids.toArray(UUID[]::new)).update();
        }
    }

    /** A failed attempt: its error is kept for the operator and the claims released for the broker's redelivery. */
    public void recordAttempt(Collection<UUID> ids, String error) {
        jdbc.sql("UPDATE outbound_action SET claimed_until = NULL, last_error = ? WHERE id = ANY (?) AND status = 'PENDING'")
                .params(error, ids.toArray(UUID[]::new)).update();
    }

    /** Out of attempts: parked for an operator, with the last attempt's error unless a new one is given. */
    public void markFailed(Collection<UUID> ids, String error) {
        jdbc.sql("""
                        UPDATE outbound_action SET status = 'FAILED', claimed_until = NULL, last_error = coalesce(?, last_error)
                        WHERE id = ANY (?) AND status = 'PENDING'
                        """)
                .params(error, ids.toArray(UUID[]::new)).update();
    }

    /** Failed actions, newest first, for an operator. */
    public List<Action> failed(int limit) {
        return jdbc.sql("SELECT * FROM outbound_action WHERE status = 'FAILED' ORDER BY created_at DESC LIMIT ?")
                .param(limit).query(this::map).list();
    }

    /** Puts failed actions back to pending and unpublished; returns them for publishing. */
    public List<Routed> retryFailed() {
        return jdbc.sql("""
                        UPDATE outbound_action SET status = 'PENDING', claimed_until = NULL, published_at = NULL
                        WHERE status = 'FAILED' RETURNING id, channel
                        """)
                .query((rs, n) -> new Routed(rs.getObject(1, UUID.class), rs.getString(2))).list();
    }

    public void markPublished(Collection<UUID> ids) {
        if (!ids.isEmpty()) {
            jdbc.sql("UPDATE outbound_action SET published_at = now() WHERE id = ANY (?) AND published_at IS NULL")
                    .param(ids.toArray(UUID[]::new)).update();
        }
    }

    /**
     * Pending actions older than {@code age} whose queue message is missing: never committed to the queue
     * (a crash between the database commit and the send), or claimed by a sender whose claim ran out (it
     * died mid-send). Locked for the caller's transaction, so two nodes never take the same.
     */
    public List<Routed> stale(Duration age, int limit) {
        return jdbc.sql("""
                        UPDATE outbound_action SET claimed_until = NULL WHERE id IN (
                            SELECT id FROM outbound_action
                            WHERE status = 'PENDING' AND created_at < now() - make_interval(secs => ?)
                              AND (published_at IS NULL OR claimed_until < now())
                            ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED)
                        RETURNING id, channel
                        """)
                .params((double) age.toMillis() / 1000.0, limit)
                .query((rs, n) -> new Routed(rs.getObject(1, UUID.class), rs.getString(2))).list();
    }

    private Action map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        Timestamp sent = rs.getTimestamp("sent_at");
        return new Action(rs.getObject("id", UUID.class), rs.getObject("decision_id", UUID.class), rs.getString("channel"),
                rs.getString("idempotency_key"), fromJson(rs.getString("payload")), Status.valueOf(rs.getString("status")),
                rs.getInt("attempts"), rs.getString("last_error"), rs.getTimestamp("created_at").toInstant(),
                sent == null ? null : sent.toInstant());
    }

    private String toJson(Map<String, Object> payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("payload cannot be written as JSON", e);
        }
    }

    private Map<String, Object> fromJson(String text) {
        try {
            return json.readValue(text, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored payload is not JSON", e);
        }
    }
}
