package io.aftersaleshub.connector.salesforce;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.springframework.stereotype.Component;

/**
 * Reads Cases through the REST API with SOQL, through Camel's {@code salesforce} component (its session, login and
 * token refresh): {@code GET /services/data/v<version>/query/?q=…}, following {@code nextRecordsUrl} while the
 * answer is not {@code done}. Record ids and status values are checked or quoted before they enter a query.
 */
@Component
class CaseReader {

    private static final String QUERY = "salesforce:query?rawPayload=true";
    private static final String QUERY_MORE = "salesforce:queryMore?rawPayload=true";

    private final SalesforceProperties settings;
    private final ProducerTemplate producer;
    private final ObjectMapper json;

    CaseReader(SalesforceProperties settings, ProducerTemplate producer, ObjectMapper json) {
        this.settings = settings;
        this.producer = producer;
        this.json = json;
    }

    /** The Cases with these ids that exist (a deleted one is left out). */
    List<JsonNode> byIds(Collection<String> recordIds) {
        for (String id : recordIds) {
            if (!CaseChanges.RECORD_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("not a Salesforce record id: " + id);
            }
        }
        String ids = recordIds.stream().map(id -> "'" + id + "'").collect(Collectors.joining(","));
        return query(select() + " WHERE Id IN (" + ids + ")");
    }

    /** The Cases closed with a resolved status since {@code since}, oldest first. */
    List<JsonNode> closedSince(Instant since) {
        String statuses = settings.resolvedStatuses().stream().map(CaseReader::quoted).collect(Collectors.joining(","));
        return query(select() + " WHERE ClosedDate >= " + SalesforceTime.soql(since) + " AND Status IN (" + statuses
                + ") ORDER BY ClosedDate");
    }

    private String select() {
        return "SELECT " + String.join(", ", settings.caseFields()) + " FROM Case";
    }

    private List<JsonNode> query(String soql) {
        List<JsonNode> records = new ArrayList<>();
        JsonNode page = read(request(QUERY, soql));
        while (true) {
            page.path("records").forEach(records::add);
            String next = page.path("nextRecordsUrl").asText("");
            if (page.path("done").asBoolean(true) || next.isEmpty()) {
                return records;
            }
            page = read(request(QUERY_MORE, next));
        }
    }

    /** One REST call; a failure says what Salesforce answered (status and errors) rather than Camel's wrapper. */
    private String request(String uri, String body) {
        try {
            return producer.requestBody(uri, body, String.class);
        } catch (CamelExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String status = cause instanceof SalesforceException se && se.getStatusCode() > 0 ? "HTTP " + se.getStatusCode() + ", " : "";
            throw new IllegalStateException("Salesforce query failed: " + status + cause.getMessage(), cause);
        }
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body == null ? "{}" : body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Salesforce answered a query with something other than JSON: " + e.getOriginalMessage());
        }
    }

    /** A SOQL string literal: backslash and quote escaped. */
    static String quoted(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
