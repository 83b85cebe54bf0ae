package io.aftersaleshub.connector.salesforce;

import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.stereotype.Component;

/**
 * A closed Case as the hub's canonical {@code support.case_closed} event for {@code POST /api/events}' ingest:
 * source {@code HUB_SALESFORCE_SOURCE}, source event id {@code <caseId>@<closed at>}, the unit from the GTIN and
 * serial fields, attributes {@code caseId}, {@code category}, {@code resolution} (and {@code caseNumber} when known).
 * The ingest keeps one event per case and source, so a case read twice (an event replayed, re-read after a gap,
 * caught up by query) is decided once.
 */
@Component
class CaseEvents {

    private final SalesforceProperties settings;
    private final ObjectMapper json;

    CaseEvents(SalesforceProperties settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
    }

    /** Whether the fields carry a status that means resolved. */
    boolean resolved(JsonNode fields) {
        String status = text(fields, "Status");
        return status != null && settings.resolvedStatuses().stream().anyMatch(status::equalsIgnoreCase);
    }

    /** Whether the fields name the unit and the category, so that no re-read is needed. */
    boolean complete(JsonNode fields) {
        return text(fields, settings.gtinField()) != null && text(fields, settings.serialField()) != null
                && text(fields, settings.categoryField()) != null;
    }

    /**
     * The event of a resolved case: {@code fields} is a Case record (REST) or a change event's fields, {@code caseId}
     * its record id, {@code changedAt} the time of the change when the fields carry no {@code ClosedDate}. Empty when
     * the case is not resolved or names no unit or category (a case that is not about a product).
     */
    Optional<ObjectNode> closed(String caseId, JsonNode fields, Instant changedAt) {
        if (!resolved(fields) || !complete(fields)) {
            return Optional.empty();
        }
        Instant closedAt = SalesforceTime.parse(fields.get("ClosedDate"));
        if (closedAt == null) {
            closedAt = changedAt != null ? changedAt : SalesforceTime.parse(fields.get("LastModifiedDate"));
        }
        if (closedAt == null) {
            closedAt = Instant.now();
        }
        ObjectNode e = json.createObjectNode();
        e.put("type", "support.case_closed");
        e.put("source", settings.source());
        e.put("sourceEventId", caseId + "@" + closedAt);
        e.put("occurredAt", closedAt.toString());
        e.put("gtin", text(fields, settings.gtinField()));
        e.put("serial", text(fields, settings.serialField()));
        ObjectNode a = e.putObject("attributes");
        a.put("caseId", caseId);
        a.put("category", text(fields, settings.categoryField()));
        a.put("resolution", text(fields, settings.resolutionField()));
        String number = text(fields, "CaseNumber");
        if (number != null) {
            a.put("caseNumber", number);
        }
        return Optional.of(e);
    }

    static String text(JsonNode fields, String name) {
        JsonNode v = fields == null ? null : fields.get(name);
        if (v == null || v.isNull() || v.isContainerNode()) {
            return null;
        }
        String t = v.asText().trim();
        return t.isEmpty() ? null : t;
    }
}
