package io.aftersaleshub.connector.salesforce;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.springframework.stereotype.Component;

/**
 * The REST API calls the hub makes, through Camel's {@code salesforce} component (its session, login and token
 * refresh): SOQL queries ({@code GET /services/data/v<version>/query/?q=…}, following {@code nextRecordsUrl} while the
 * answer is not {@code done}) and creating a record ({@code POST …/sobjects/<type>/}). A failure says what Salesforce
 * answered (HTTP status and errors).
 */
@Component
class SalesforceRest {

    private static final String QUERY = "salesforce:query?rawPayload=true";
    private static final String QUERY_MORE = "salesforce:queryMore?rawPayload=true";

    private final ProducerTemplate producer;
    private final ObjectMapper json;

    SalesforceRest(ProducerTemplate producer, ObjectMapper json) {
        this.producer = producer;
        this.json = json;
    }

    /** Every record the query answers, all pages. */
    List<JsonNode> query(String soql) {
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

    /** Creates a record of this type from its fields; returns its id. */
    String create(String sObjectName, JsonNode fields) {
        JsonNode answer = read(request("salesforce:createSObject?rawPayload=true&sObjectName=" + sObjectName, fields.toString()));
        String id = answer.path("id").asText("");
        if (id.isEmpty()) {
            throw new IllegalStateException("Salesforce created no " + sObjectName + ": " + answer);
        }
        return id;
    }

    /** A SOQL string literal: backslash and quote escaped. */
    static String quoted(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

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
            throw new IllegalStateException("Salesforce answered with something other than JSON: " + e.getOriginalMessage());
        }
    }
}
