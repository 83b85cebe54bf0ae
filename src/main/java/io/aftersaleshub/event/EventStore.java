package io.aftersaleshub.event;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

    /**
     * Inserts the events unless their (source, source event id) is known, with one statement; returns for
     * each event, in order, the id that holds it and whether it is new. Events of one batch that share a
     * source event id count once.
     */
    public List<Inserted> insertAll(List<HubEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        int n = events.size();
        UUID[] ids = new UUID[n];
        String[] types = new String[n];
        String[] sources = new String[n];
        String[] sourceIds = new String[n];
        String[] occurred = new String[n];
        String[] gtins = new String[n];
        String[] serials = new String[n];
        String[] emails = new String[n];
        String[] attributes = new String[n];
        String[] dedupeKeys = new String[n];
        for (int i = 0; i < n; i++) {
            HubEvent e = events.get(i);
            ids[i] = e.id();
            types[i] = e.type().wireName();
            sources[i] = e.source();
            sourceIds[i] = e.sourceEventId();
            occurred[i] = e.occurredAt().toString();
            gtins[i] = e.gtin();
            serials[i] = e.serial();
            emails[i] = e.ownerEmail();
            attributes[i] = toJson(e.attributes());
            dedupeKeys[i] = dedupeKey(e);
        }
        Set<UUID> inserted = new HashSet<>(jdbc.sql("""
                        INSERT INTO hub_event (id, type, source, source_event_id, occurred_at, gtin, serial, owner_email, attributes,
                                               dedupe_key, status)
                        SELECT id, type, source, source_event_id, CAST(occurred_at AS timestamptz), gtin, serial, owner_email,
                               CAST(attributes AS jsonb), dedupe_key, 'RECEIVED'
                        FROM unnest(:ids, :types, :sources, :sourceIds, :occurred, :gtins, :serials, :emails, :attributes, :dedupeKeys)
                             AS e(id, type, source, source_event_id, occurred_at, gtin, serial, owner_email, attributes, dedupe_key)
                        ON CONFLICT DO NOTHING
                        RETURNING id
                        """)
                .param("ids", ids).param("types", types).param("sources", sources).param("sourceIds", sourceIds)
                .param("occurred", occurred).param("gtins", gtins).param("serials", serials).param("emails", emails)
                .param("attributes", attributes).param("dedupeKeys", dedupeKeys)
                .query(UUID.class).list());
        Map<String, UUID> known = new HashMap<>();
        if (inserted.size() < n) {
            jdbc.sql("""
                            SELECT h.id, h.source, h.source_event_id, h.type, h.dedupe_key FROM hub_event h
                            JOIN unnest(:sources, :sourceIds) AS k(source, source_event_id)
                              ON h.source = k.source AND h.source_event_id = k.source_event_id
                            UNION ALL
                            SELECT h.id, h.source, h.source_event_id, h.type, h.dedupe_key FROM hub_event h
                            JOIN unnest(:sources, :types, :dedupeKeys) AS k(source, type, dedupe_key)
                              ON h.source = k.source AND h.type = k.type AND h.dedupe_key = k.dedupe_key
                            """)
                    .param("sources", sources).param("sourceIds", sourceIds).param("types", types).param("dedupeKeys", dedupeKeys)
                    .query((rs, row) -> {
                        UUID id = rs.getObject(1, UUID.class);
                        known.put(key(rs.getString(2), rs.getString(3)), id);
                        if (rs.getString(5) != null) {
                            known.put(key(rs.getString(2), rs.getString(4), rs.getString(5)), id);
                        }
                        return id;
                    })
                    .list();
        }
        List<Inserted> out = new ArrayList<>(n);
        for (HubEvent e : events) {
            if (inserted.contains(e.id())) {
                out.add(new Inserted(e.id(), true));
            } else {
                UUID holder = known.get(key(e.source(), e.sourceEventId()));
                if (holder == null && dedupeKey(e) != null) {
                    holder = known.get(key(e.source(), e.type().wireName(), dedupeKey(e)));
                }
                if (holder == null) {
                    throw new IllegalStateException("event " + e.source() + "/" + e.sourceEventId() + " was neither inserted nor found");
                }
                out.add(new Inserted(holder, false));
            }
        }
        return out;
    }

    private static String key(String... parts) {
        return String.join("\u0000", parts);
    }

    /**
     * An event's second identity besides its source event id, or null: a support case closes once, so
     * {@code support.case_closed} events of one source are one event per {@code attributes.caseId}.
     */
    static String dedupeKey(HubEvent e) {
        Object caseId = e.type() == EventType.SUPPORT_CASE_CLOSED && e.attributes() != null ? e.attributes().get("caseId") : null;
        return caseId == null ? null : "case:" + caseId;
    }

    public Optional<UUID> idOf(String source, String sourceEventId) {
        return jdbc.sql("SELECT id FROM hub_event WHERE source = ? AND source_event_id = ?")
                .params(source, sourceEventId).query(UUID.class).optional();
    }

    public record Inserted(UUID id, boolean isNew) {
    }

    /**
     * Claims up to {@code limit} events waiting for a decision, oldest first, locked until the caller's
     * transaction ends; events another transaction holds are skipped, so hub nodes share the work.
     */
    public List<HubEvent> claimReceived(int limit) {
        return jdbc.sql("SELECT * FROM hub_event WHERE status = 'RECEIVED' ORDER BY received_at LIMIT ? FOR UPDATE SKIP LOCKED")
                .param(limit).query(this::map).list().stream().map(StoredEvent::event).toList();
    }

    /** Recorded events that happened in [from, to), oldest first, at most {@code limit} (for simulations). */
    public List<HubEvent> occurredBetween(java.time.Instant from, java.time.Instant to, int limit) {
        return jdbc.sql("SELECT * FROM hub_event WHERE occurred_at >= ? AND occurred_at < ? ORDER BY occurred_at, id LIMIT ?")
                .params(java.sql.Timestamp.from(from), java.sql.Timestamp.from(to), limit).query(this::map).list().stream()
                .map(StoredEvent::event).toList();
    }

    /** Locks the events of these ids that still wait for a decision (for deciding them one by one). */
    public List<HubEvent> lockReceived(List<UUID> ids) {
        return jdbc.sql("SELECT * FROM hub_event WHERE id = ANY (?) AND status = 'RECEIVED' FOR UPDATE SKIP LOCKED")
                .param(ids.toArray(UUID[]::new)).query(this::map).list().stream().map(StoredEvent::event).toList();
    }

    public void markDecided(List<UUID> ids) {
        if (!ids.isEmpty()) {
            jdbc.sql("UPDATE hub_event SET status = 'DECIDED' WHERE id = ANY (?)").param(ids.toArray(UUID[]::new)).update();
        }
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
