package io.aftersaleshub.dispatch;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Outbound actions. Each has an idempotency key (unique) that travels with it to the sink; a sender
 * claims an action before sending so that two copies of its queue message never both send.
 */
@Repository
public class OutboxStore {

    public enum Channel { EMAIL }

    public enum Status { PENDING, SENT, FAILED }

    public record Action(UUID id, UUID decisionId, Channel channel, String idempotencyKey, String recipient,
                         Status status, int attempts, String lastError, Instant createdAt, Instant sentAt) {
    }

    private final JdbcClient jdbc;

    public OutboxStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public UUID insert(UUID decisionId, Channel channel, String recipient) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO outbound_action (id, decision_id, channel, idempotency_key, recipient, status)
                        VALUES (?, ?, ?, ?, ?, 'PENDING')
                        """)
                .params(id, decisionId, channel.name(), channel.name().toLowerCase() + ":" + decisionId, recipient)
                .update();
        return id;
    }

    public Optional<Action> find(UUID id) {
        return jdbc.sql("SELECT * FROM outbound_action WHERE id = ?").param(id).query(OutboxStore::map).optional();
    }

    public List<Action> findByDecision(UUID decisionId) {
        return jdbc.sql("SELECT * FROM outbound_action WHERE decision_id = ? ORDER BY created_at")
                .param(decisionId).query(OutboxStore::map).list();
    }

    /** True when this caller may send the action now: it is pending and nobody else holds it. */
    public boolean claim(UUID id, Duration hold) {
        return jdbc.sql("""
                        UPDATE outbound_action SET claimed_until = now() + make_interval(secs => ?), attempts = attempts + 1
                        WHERE id = ? AND status = 'PENDING' AND (claimed_until IS NULL OR claimed_until < now())
                        """)
                .params((double) hold.toSeconds(), id).update() == 1;
    }

    public void markSent(UUID id) {
        jdbc.sql("UPDATE outbound_action SET status = 'SENT', sent_at = now(), claimed_until = NULL, last_error = NULL WHERE id = ?")
                .param(id).update();
    }

    public void markFailed(UUID id, String error) {
        jdbc.sql("UPDATE outbound_action SET status = 'FAILED', claimed_until = NULL, last_error = ? WHERE id = ? AND status <> 'SENT'")
                .params(error, id).update();
    }

    /** Failed actions, newest first, for an operator. */
    public List<Action> failed(int limit) {
        return jdbc.sql("SELECT * FROM outbound_action WHERE status = 'FAILED' ORDER BY created_at DESC LIMIT ?")
                .param(limit).query(OutboxStore::map).list();
    }

    /** Puts failed actions back to pending; returns their ids for publishing. */
    public List<UUID> retryFailed() {
        return jdbc.sql("UPDATE outbound_action SET status = 'PENDING', claimed_until = NULL WHERE status = 'FAILED' RETURNING id")
                .query(UUID.class).list();
    }

    /** Pending actions whose queue message seems lost; marks them republished so that they are taken once per period. */
    public List<UUID> claimStale(Duration age, int limit) {
        return jdbc.sql("""
                        UPDATE outbound_action SET republished_at = now() WHERE id IN (
                            SELECT id FROM outbound_action
                            WHERE status = 'PENDING' AND coalesce(republished_at, created_at) < now() - make_interval(secs => ?)
                              AND (claimed_until IS NULL OR claimed_until < now())
                            ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED)
                        RETURNING id
                        """)
                .params((double) age.toMillis() / 1000.0, limit).query(UUID.class).list();
    }

    private static Action map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        Timestamp sent = rs.getTimestamp("sent_at");
        return new Action(rs.getObject("id", UUID.class), rs.getObject("decision_id", UUID.class),
                Channel.valueOf(rs.getString("channel")), rs.getString("idempotency_key"), rs.getString("recipient"),
                Status.valueOf(rs.getString("status")), rs.getInt("attempts"), rs.getString("last_error"),
                rs.getTimestamp("created_at").toInstant(), sent == null ? null : sent.toInstant());
    }
}
