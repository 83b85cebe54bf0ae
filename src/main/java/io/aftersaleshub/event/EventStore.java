package io.aftersaleshub.event;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Events in PostgreSQL; the unique (source, source_event_id) is what makes redelivery harmless. */
@Repository
public class EventStore {

    public enum Status { RECEIVED, DECIDED, STORED, FAILED }

    public record StoredEvent(HubEvent event, Status status) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public EventStore(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Inserts the event unless its (source, source event id) is known; returns the id that holds it and whether it is new. */
    public Inserted insertIfNew(HubEvent e, Status status) {
        int rows = jdbc.sql("""
                        INSERT INTO hub_event (id, type, source, source_event_id, occurred_at, gtin, serial, owner_email, attributes, status)
                        VALUES (:id, :type, :source, :sourceEventId, :occurredAt, :gtin, :serial, :ownerEmail, CAST(:attributes AS jsonb), :status)
                        ON CONFLICT (source, source_event_id) DO NOTHING
                        """)
                .param("id", e.id())
                .param("type", e.type().wireName())
                .param("source", e.source())
                .param("sourceEventId", e.sourceEventId())
                .param("occurredAt", Timestamp.from(e.occurredAt()))
                .param("gtin", e.gtin())
                .param("serial", e.serial())
                .param("ownerEmail", e.ownerEmail())
                .param("attributes", toJson(e.attributes()))
                .param("status", status.name())
                .update();
        if (rows == 1) {
            return new Inserted(e.id(), true);
        }
        return new Inserted(idOf(e.source(), e.sourceEventId()).orElseThrow(), false);
    }

    public Optional<UUID> idOf(String source, String sourceEventId) {
        return jdbc.sql("SELECT id FROM hub_event WHERE source = ? AND source_event_id = ?")
                .params(source, sourceEventId).query(UUID.class).optional();
    }

    public record Inserted(UUID id, boolean isNew) {
    }

    /** Locks the event row for the decision about it, so that two deliveries of it decide once. */
    public Optional<StoredEvent> lockForDecision(UUID id) {
        return jdbc.sql("SELECT * FROM hub_event WHERE id = ? FOR UPDATE").param(id).query(this::map).optional();
    }

    /** An event whose decision kept failing: kept for an operator, never republished. */
    public void markFailed(UUID id, String error) {
        jdbc.sql("UPDATE hub_event SET status = 'FAILED', last_error = ? WHERE id = ? AND status = 'RECEIVED'").params(error, id).update();
    }

    public record FailedEvent(UUID id, String type, String source, String sourceEventId, String lastError) {
    }

    /** Failed events, newest first, for an operator. */
    public List<FailedEvent> failed(int limit) {
        return jdbc.sql("SELECT id, type, source, source_event_id, last_error FROM hub_event WHERE status = 'FAILED' "
                        + "ORDER BY received_at DESC LIMIT ?")
                .param(limit)
                .query((rs, n) -> new FailedEvent(rs.getObject("id", UUID.class), rs.getString("type"), rs.getString("source"),
                        rs.getString("source_event_id"), rs.getString("last_error")))
                .list();
    }

    /** Puts failed events back to be decided; returns their ids for publishing. */
    public List<UUID> retryFailed() {
        return jdbc.sql("UPDATE hub_event SET status = 'RECEIVED', last_error = NULL WHERE status = 'FAILED' RETURNING id")
                .query(UUID.class).list();
    }

    public void markStatus(UUID id, Status status) {
        jdbc.sql("UPDATE hub_event SET status = ? WHERE id = ?").params(status.name(), id).update();
    }

    /** Events still waiting for a decision long after they arrived: their queue message was lost. */
    public List<UUID> claimStale(Duration age, int limit) {
        return jdbc.sql("""
                        UPDATE hub_event SET republished_at = now() WHERE id IN (
                            SELECT id FROM hub_event
                            WHERE status = 'RECEIVED' AND coalesce(republished_at, received_at) < now() - make_interval(secs => ?)
                            ORDER BY received_at LIMIT ? FOR UPDATE SKIP LOCKED)
                        RETURNING id
                        """)
                .params((double) age.toMillis() / 1000.0, limit).query(UUID.class).list();
    }

    private StoredEvent map(ResultSet rs, int row) throws SQLException {
        HubEvent e = new HubEvent(rs.getObject("id", UUID.class),
                EventType.fromWire(rs.getString("type")).orElseThrow(),
                rs.getString("source"), rs.getString("source_event_id"),
                rs.getTimestamp("occurred_at").toInstant(), rs.getString("gtin"), rs.getString("serial"),
                rs.getString("owner_email"), fromJson(rs.getString("attributes")));
        return new StoredEvent(e, Status.valueOf(rs.getString("status")));
    }

    private String toJson(Map<String, Object> attributes) {
        try {
            return json.writeValueAsString(attributes == null ? Map.of() : attributes);
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("attributes cannot be written as JSON", ex);
        }
    }

    private Map<String, Object> fromJson(String text) {
        try {
            return json.readValue(text, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("stored attributes are not JSON", ex);
        }
    }
}
