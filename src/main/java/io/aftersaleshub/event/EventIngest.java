package io.aftersaleshub.event;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftersaleshub.identity.Gtin;
import io.aftersaleshub.identity.Serial;
import io.aftersaleshub.platform.Problems;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns posted events into stored canonical events: all are validated before any is written, the whole
 * array is stored with one statement in one transaction, and duplicates (same source and source event id)
 * are acknowledged and dropped. Stored events wait in PostgreSQL for the decide step, which is told at
 * once after the commit.
 */
@Service
public class EventIngest {

    static final Instant EARLIEST = Instant.parse("1980-01-01T00:00:00Z");
    static final int MAX_ATTRIBUTES_CHARS = 16_384;
    static final int MAX_EVENTS = 1000;
    static final Set<String> FIELDS = Set.of("type", "source", "sourceEventId", "occurredAt", "gtin", "serial",
            "ownerEmail", "attributes");

    /** What happened to one posted event: {@code accepted} (stored, to be decided) or {@code duplicate}. */
    public record Receipt(UUID eventId, String source, String sourceEventId, String status) {
    }

    private final EventStore events;
    private final ApplicationEventPublisher publisher;
    private final ObjectMapper json;

    public EventIngest(EventStore events, ApplicationEventPublisher publisher, ObjectMapper json) {
        this.events = events;
        this.publisher = publisher;
        this.json = json;
    }

    @Transactional
    public List<Receipt> ingest(JsonNode body) {
        return store(parse(body));
    }

    /** Stores already validated events (e.g. from the registration flow) in the caller's transaction. */
    @Transactional
    public List<Receipt> store(List<HubEvent> parsed) {
        List<EventStore.Inserted> inserted = events.insertAll(parsed);
        List<Receipt> receipts = new ArrayList<>(parsed.size());
        int fresh = 0;
        for (int i = 0; i < parsed.size(); i++) {
            HubEvent e = parsed.get(i);
            EventStore.Inserted ins = inserted.get(i);
            receipts.add(new Receipt(ins.id(), e.source(), e.sourceEventId(), ins.isNew() ? "accepted" : "duplicate"));
            fresh += ins.isNew() ? 1 : 0;
        }
        if (fresh > 0) {
            publisher.publishEvent(new EventsReceived(fresh));
        }
        return receipts;
    }

    /** Parses one event object or an array of them; every problem names its field, e.g. {@code [2].occurredAt}. */
    List<HubEvent> parse(JsonNode body) {
        Problems p = new Problems();
        List<HubEvent> out = new ArrayList<>();
        if (body == null || !(body.isObject() || body.isArray())) {
            p.add("body", "must be one event object or an array of them").throwIfAny();
        }
        boolean array = body.isArray();
        if (array && body.isEmpty()) {
            p.add("body", "holds no event").throwIfAny();
        }
        if (array && body.size() > MAX_EVENTS) {
            p.add("body", "holds more than " + MAX_EVENTS + " events; send them in smaller batches").throwIfAny();
        }
        List<JsonNode> nodes = new ArrayList<>();
        (array ? body : json.createArrayNode().add(body)).forEach(nodes::add);
        for (int i = 0; i < nodes.size(); i++) {
            HubEvent e = parseOne(nodes.get(i), array ? "[" + i + "]." : "", p);
            if (e != null) {
                out.add(e);
            }
        }
        p.throwIfAny();
        return out;
    }

    private HubEvent parseOne(JsonNode n, String at, Problems p) {
        if (!n.isObject()) {
            p.add(at.isEmpty() ? "body" : at.substring(0, at.length() - 1), "must be an event object");
            return null;
        }
        int before = p.list().size();
        // a misspelt field (ownerEmial) would otherwise be dropped silently
        n.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                p.add(at + name, "is not a known field; known: " + String.join(", ", FIELDS.stream().sorted().toList()));
            }
        });
        for (String field : List.of("type", "source", "sourceEventId", "occurredAt", "gtin", "serial", "ownerEmail")) {
            JsonNode v = n.get(field);
            if (v != null && !v.isNull() && !v.isTextual()) { // a number or boolean is not silently made text
                p.add(at + field, "must be a string");
            }
        }
        if (p.list().size() > before) {
            return null;
        }
        String type = text(n, "type");
        EventType eventType = null;
        if (p.require(at + "type", type)) {
            eventType = EventType.fromWire(type).orElse(null);
            if (eventType == null) {
                p.add(at + "type", "is not a known event type; known: " + EventType.allWireNames());
            }
        }
        String source = text(n, "source");
        p.text(at + "source", source, 100);
        String sourceEventId = text(n, "sourceEventId");
        p.text(at + "sourceEventId", sourceEventId, 200);
        Instant occurredAt = null;
        String occurred = text(n, "occurredAt");
        if (p.require(at + "occurredAt", occurred)) {
            try {
                occurredAt = OffsetDateTime.parse(occurred).toInstant();
                if (occurredAt.isBefore(EARLIEST) || occurredAt.isAfter(Instant.now().plus(java.time.Duration.ofDays(1)))) {
                    p.add(at + "occurredAt", "must lie between " + EARLIEST + " and tomorrow");
                }
            } catch (DateTimeParseException e) {
                p.add(at + "occurredAt", "must be an ISO-8601 date-time with offset, e.g. 2026-11-25T10:15:30Z");
            }
        }
        String gtin = text(n, "gtin");
        p.check(at + "gtin", Gtin.problemWith(gtin));
        String serial = text(n, "serial");
        p.check(at + "serial", Serial.problemWith(serial));
        String ownerEmail = text(n, "ownerEmail");
        if (ownerEmail != null && ownerEmail.isBlank()) {
            ownerEmail = null; // optional: blank is the same as left out
        }
        if (ownerEmail != null) {
            p.email(at + "ownerEmail", ownerEmail);
        }
        JsonNode attrs = n.get("attributes");
        String attrsJson = attrs == null || attrs.isNull() ? "" : attrs.toString();
        if (attrs != null && !attrs.isNull() && !attrs.isObject()) {
            p.add(at + "attributes", "must be an object");
        } else if (attrsJson.length() > MAX_ATTRIBUTES_CHARS) {
            p.add(at + "attributes", "must be at most " + MAX_ATTRIBUTES_CHARS + " characters of JSON");
        } else if (attrsJson.contains("\\u0000")) {
            p.add(at + "attributes", "must not contain NUL characters");
        }
        if (eventType == EventType.SUPPORT_CASE_CLOSED && attrs != null && attrs.isObject()) {
            // one decision per case: the case id is the event's identity; the table offers by category
            requireAttribute(attrs, at + "attributes.caseId", 200, p);
            requireAttribute(attrs, at + "attributes.category", 100, p);
        } else if (eventType == EventType.SUPPORT_CASE_CLOSED && (attrs == null || attrs.isNull())) {
            p.add(at + "attributes", "must hold caseId and category for support.case_closed");
        }
        if (p.list().size() > before) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> attributes = attrs == null || attrs.isNull() ? Map.of() : json.convertValue(attrs, Map.class);
        return new HubEvent(UUID.randomUUID(), eventType, source.trim(), sourceEventId.trim(), occurredAt,
                Gtin.parse(gtin).value(), serial.trim(), ownerEmail == null ? null : ownerEmail.trim().toLowerCase(), attributes);
    }

    /** A required attribute (named by its path, e.g. {@code attributes.caseId}): a non-blank text or a number. */
    private static void requireAttribute(JsonNode attrs, String path, int max, Problems p) {
        JsonNode v = attrs.get(path.substring(path.lastIndexOf('.') + 1));
        if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
            p.add(path, "is required for support.case_closed");
        } else if (!v.isTextual() && !v.isIntegralNumber()) {
            p.add(path, "must be a string or a whole number");
        } else {
            p.maxLength(path, v.asText(), max);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
