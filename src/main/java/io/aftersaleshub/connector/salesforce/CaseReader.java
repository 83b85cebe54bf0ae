package io.aftersaleshub.connector.salesforce;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.stereotype.Component;

/**
 * Reads Cases with SOQL through the REST API ({@link SalesforceRest}). Record ids are checked and status values
 * quoted before they enter a query.
 */
@Component
class CaseReader {

    private final SalesforceProperties settings;
    private final SalesforceRest rest;

    CaseReader(SalesforceProperties settings, SalesforceRest rest) {
        this.settings = settings;
        this.rest = rest;
    }

    /** The Cases with these ids that exist (a deleted one is left out). */
    List<JsonNode> byIds(Collection<String> recordIds) {
        for (String id : recordIds) {
            if (!CaseChanges.RECORD_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("not a Salesforce record id: " + id);
            }
        }
        String ids = recordIds.stream().map(id -> "'" + id + "'").collect(Collectors.joining(","));
        return rest.query(select() + " WHERE Id IN (" + ids + ")");
    }

    /** The Cases closed with a resolved status since {@code since}, oldest first. */
    List<JsonNode> closedSince(Instant since) {
        String statuses = settings.resolvedStatuses().stream().map(SalesforceRest::quoted).collect(Collectors.joining(","));
        return rest.query(select() + " WHERE ClosedDate >= " + SalesforceTime.soql(since) + " AND Status IN (" + statuses
                + ") ORDER BY ClosedDate");
    }

    private String select() {
        return "SELECT " + String.join(", ", settings.caseFields()) + " FROM Case";
    }
}
