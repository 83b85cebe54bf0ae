package io.aftersaleshub.connector.salesforce;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.stereotype.Component;

/**
 * Reads one Case Change Data Capture event into what the hub does with it. Accepted shapes: the event's payload
 * as the Pub/Sub API component delivers it (fields and {@code ChangeEventHeader}), or a CometD message with
 * {@code payload} (optionally inside {@code data}).
 * <ul>
 * <li>{@code GAP_*} (changes were lost, the event carries no fields): every named record is re-read.</li>
 * <li>{@code CREATE}, {@code UPDATE}, {@code UNDELETE} whose {@code Status} is a resolved status (and, where
 * {@code changedFields} names fields, among them {@code Status}): a closed case; mapped at once when the event
 * carries the unit and category fields, else re-read (an update carries only the fields that changed).</li>
 * <li>anything else (other changes, {@code DELETE}, another object's events): nothing to do.</li>
 * </ul>
 * An event without a {@code ChangeEventHeader}, change type, commit time or valid record ids is malformed.
 */
@Component
class CaseChanges {

    /** A Salesforce record id: 15 or 18 letters and digits. */
    static final Pattern RECORD_ID = Pattern.compile("^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$");

    /** What one event asks for: events to ingest, records to re-read, or why nothing is done. */
    record Change(String changeType, Instant changedAt, List<ObjectNode> events, List<String> reread, String ignored) {
    }

    private final CaseEvents cases;

    CaseChanges(CaseEvents cases) {
        this.cases = cases;
    }

    Change read(JsonNode event) {
        JsonNode fields = fieldsOf(event);
        if (fields == null) {
            throw new MalformedCaseChangeException("no ChangeEventHeader (expected the event payload, or a message with payload)");
        }
        JsonNode header = fields.get("ChangeEventHeader");
        String changeType = CaseEvents.text(header, "changeType");
        if (changeType == null) {
            throw new MalformedCaseChangeException("ChangeEventHeader.changeType is missing");
        }
        Instant changedAt = SalesforceTime.parse(header.get("commitTimestamp"));
        if (changedAt == null) {
            throw new MalformedCaseChangeException("ChangeEventHeader.commitTimestamp is missing or not a time");
        }
        JsonNode ids = header.get("recordIds");
        if (ids == null || !ids.isArray() || ids.isEmpty()) {
            throw new MalformedCaseChangeException("ChangeEventHeader.recordIds is missing or empty");
        }
        List<String> recordIds = new ArrayList<>();
        for (JsonNode id : ids) {
            if (!id.isTextual() || !RECORD_ID.matcher(id.asText()).matches()) {
                throw new MalformedCaseChangeException("ChangeEventHeader.recordIds holds " + shortly(id) + ", not a record id");
            }
            recordIds.add(id.asText());
        }
        String entity = CaseEvents.text(header, "entityName");
        if (entity != null && !entity.equals("Case")) {
            return new Change(changeType, changedAt, List.of(), List.of(), "a change of " + entity + ", not of a Case");
        }
        if (changeType.startsWith("GAP_")) {
            return new Change(changeType, changedAt, List.of(), recordIds, null);
        }
        if (!List.of("CREATE", "UPDATE", "UNDELETE").contains(changeType)) {
            return new Change(changeType, changedAt, List.of(), List.of(), changeType + " does not close a case");
        }
        if (!cases.resolved(fields) || !statusChanged(header)) {
            return new Change(changeType, changedAt, List.of(), List.of(), "the status did not become resolved");
        }
        if (!cases.complete(fields)) {
            return new Change(changeType, changedAt, List.of(), recordIds, null);
        }
        List<ObjectNode> events = new ArrayList<>();
        for (String id : recordIds) {
            cases.closed(id, fields, changedAt).ifPresent(events::add);
        }
        return new Change(changeType, changedAt, events, List.of(), null);
    }

    /**
     * Whether {@code Status} changed: {@code changedFields} names it, or it is absent or encoded (the Pub/Sub API sends
     * a bitmap such as {@code 0x4000}); then a status in the payload is a changed one, as updates carry only
     * changed fields.
     */
    private static boolean statusChanged(JsonNode header) {
        JsonNode changed = header.get("changedFields");
        if (changed == null || !changed.isArray() || changed.isEmpty()) {
            return true;
        }
        boolean names = false;
        for (JsonNode f : changed) {
            if (f.asText().equals("Status")) {
                return true;
            }
            names |= !f.asText().startsWith("0x");
        }
        return !names;
    }

    private static JsonNode fieldsOf(JsonNode event) {
        if (event == null || !event.isObject()) {
            return null;
        }
        for (JsonNode n : List.of(event, event.path("payload"), event.path("data").path("payload"))) {
            if (n.isObject() && n.path("ChangeEventHeader").isObject()) {
                return n;
            }
        }
        return null;
    }

    private static String shortly(JsonNode n) {
        String s = n.toString();
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
