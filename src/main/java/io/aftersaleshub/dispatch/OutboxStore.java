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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

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

    /**
     * SQL: the action's claim still holds, as seen by the process tagged {@code me}. A claim tagged with a sender
     * ({@code claimed_by}) holds exactly as long as that sender's process lives, that is holds its advisory lock
     * (see {@link SenderLiveness}), however long its send takes; this process's own claims always hold for it (it
     * knows it lives, also in the moments after a database restart before it has taken its lock again, when
     * they would look dead and be sent a second time). An untagged claim holds until {@code claimed_until}. The
     * lock table is read only for claimed rows (CASE keeps the order).
     */
    /**
     * SQL: the rows of the given ids ({@code ?}, an array), locked in id order. Every statement that changes
     * several actions locks them through this, so that two senders whose messages share actions (a republished
     * copy, a redelivery) never deadlock: a deadlock's victim could not release its claims and they would be
     * stranded, held by a live process that is no longer sending them.
     */
    static final String IN_ID_ORDER = "id IN (SELECT id FROM outbound_action WHERE id = ANY (?) ORDER BY id FOR UPDATE)";

    static String claimHeld(int me) {
        return """
                CASE WHEN claimed_until IS NULL THEN false
                     WHEN claimed_by IS NULL THEN claimed_until > now()
                     WHEN claimed_by = %d THEN true
                     ELSE EXISTS (SELECT 1 FROM pg_locks l
                                  WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
                                    AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                                    AND l.classid = CAST(%d AS oid) AND l.objid = CAST(claimed_by AS oid))
                END""".formatted(me, SenderLiveness.LOCK_SPACE);
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final ObjectMapper json;
    private final SenderLiveness liveness;
    private final TransactionTemplate transactions;

    public OutboxStore(JdbcClient jdbc, JdbcTemplate template, ObjectMapper json, SenderLiveness liveness,
                       PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.template = template;
        this.json = json;
        this.liveness = liveness;
        this.transactions = new TransactionTemplate(transactionManager);
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

    public List<Action> findByIds(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT * FROM outbound_action WHERE id = ANY (?) ORDER BY created_at, channel")
                .param(ids.toArray(UUID[]::new)).query(this::map).list();
    }

    /**
     * Claims for this process those of the actions that are pending and held by nobody alive, with one
     * statement; the others (sent, failed, or held by another live sender) are left out. {@code hold} bounds
     * the claim only when this process has no liveness lock (yet).
     */
    public List<Claimed> claimAll(Collection<UUID> ids, Duration hold) {
        if (ids.isEmpty()) {
            return List.of();
        }
        int claimer = liveness.id();
        return jdbc.sql("""
                        UPDATE outbound_action SET claimed_until = now() + make_interval(secs => ?), claimed_by = ?,
                            attempts = attempts + 1
                        WHERE %s AND status = 'PENDING' AND NOT (%s)
                        RETURNING id, channel, idempotency_key, payload
                        """.formatted(IN_ID_ORDER, claimHeld(claimer)))
                .params((double) hold.toSeconds(), claimer == 0 ? null : claimer, ids.toArray(UUID[]::new))
                .query((rs, n) -> new Claimed(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), fromJson(rs.getString(4))))
                .list();
    }

    /**
     * Marks actions sent. Outside a caller's transaction the mark commits without waiting for its WAL flush:
     * it only keeps a sent action from going out again, and a sink's effect (a mail, an HTTP call) is
     * at-least-once anyway, so a mark lost in a power cut means one more send, never a lost one (the claim
     * is durable). A crash of the hub alone loses nothing: the database has the commit. Sinks mark each
     * mail as it goes out: a commit per mail need not wait for a flush each.
     */
    public void markSent(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            updateSent(ids); // the caller's transaction decides how it commits
            return;
        }
        transactions.executeWithoutResult(status -> {
            jdbc.sql("SET LOCAL synchronous_commit = off").update();
            updateSent(ids);
        });
    }

    private void updateSent(Collection<UUID> ids) {
        jdbc.sql("""
                        UPDATE outbound_action SET status = 'SENT', sent_at = now(), claimed_until = NULL, claimed_by = NULL, last_error = NULL
                        WHERE %s
                        """.formatted(IN_ID_ORDER))
                .param(ids.toArray(UUID[]::new)).update();
    }

    /** A failed attempt: its error is kept for the operator and the claims released for the broker's redelivery. */
    public void recordAttempt(Collection<UUID> ids, String error) {
        jdbc.sql("UPDATE outbound_action SET claimed_until = NULL, claimed_by = NULL, last_error = ? WHERE " + IN_ID_ORDER
                        + " AND status = 'PENDING'")
                .params(error, ids.toArray(UUID[]::new)).update();
    }

    /** Out of attempts: parked for an operator, with the last attempt's error unless a new one is given. */
    public void markFailed(Collection<UUID> ids, String error) {
        jdbc.sql("""
                        UPDATE outbound_action SET status = 'FAILED', claimed_until = NULL, claimed_by = NULL, last_error = coalesce(?, last_error)
                        WHERE %s AND status = 'PENDING'
                        """.formatted(IN_ID_ORDER))
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
                        UPDATE outbound_action SET status = 'PENDING', claimed_until = NULL, claimed_by = NULL, published_at = NULL
                        WHERE status = 'FAILED' AND last_error IS DISTINCT FROM ? RETURNING id, channel
                        """)
                .param(ActionPersonalData.ERASED)
                .query((rs, n) -> new Routed(rs.getObject(1, UUID.class), rs.getString(2))).list();
    }

    public void markPublished(Collection<UUID> ids) {
        if (!ids.isEmpty()) {
            jdbc.sql("UPDATE outbound_action SET published_at = now() WHERE " + IN_ID_ORDER + " AND published_at IS NULL")
                    .param(ids.toArray(UUID[]::new)).update();
        }
    }

    /**
     * Pending actions whose queue message is missing: never committed to the queue (a crash between the
     * database commit and the send) for longer than {@code age}, or claimed by a sender that died mid-send
     * (at once: its liveness lock is gone, see {@link SenderLiveness}). Their claims are released and they
     * are locked for the caller's transaction, so two nodes never take the same.
     */
    public List<Routed> stale(Duration age, int limit) {
        return jdbc.sql("""
                        UPDATE outbound_action SET claimed_until = NULL, claimed_by = NULL WHERE id IN (
                            SELECT id FROM outbound_action
                            WHERE status = 'PENDING' AND NOT (%s)
                              AND ((published_at IS NULL AND created_at < now() - make_interval(secs => ?))
                                   OR claimed_until IS NOT NULL)
                            ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED)
                        RETURNING id, channel
                        """.formatted(claimHeld(liveness.id())))
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
