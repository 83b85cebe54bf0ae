package io.aftersaleshub.connector.salesforce;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Salesforce's times as they arrive: epoch milliseconds (Change Data Capture's {@code commitTimestamp}, date-times in
 * Pub/Sub API events), ISO-8601 with {@code Z} (CometD events) or REST's {@code 2024-05-02T14:03:00.000+0000}.
 */
final class SalesforceTime {

    private SalesforceTime() {
    }

    /** The instant, or null when the node is missing, null or not a time. */
    static Instant parse(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isIntegralNumber()) {
            return Instant.ofEpochMilli(n.asLong());
        }
        if (!n.isTextual()) {
            return null;
        }
        String t = n.asText().trim().replaceFirst("([+-]\\d{2})(\\d{2})$", "$1:$2");
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A SOQL date-time literal, e.g. {@code 2026-11-20T10:00:00Z} (whole seconds, UTC, unquoted). */
    static String soql(Instant at) {
        return at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }
}
