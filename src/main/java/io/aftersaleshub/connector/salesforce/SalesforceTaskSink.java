package io.aftersaleshub.connector.salesforce;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aftersaleshub.dispatch.OutboxStore;
import io.aftersaleshub.dispatch.Queues;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The step of route {@code salesforce-out-task}: claims the message's actions and logs each decision's offer once as
 * a completed Task on the Contact with the owner's e-mail address. The Task's subject ends with
 * {@code [hub:<decisionId>]}; before creating it the org is asked for a Task with that subject on the Contact (an
 * earlier attempt may have made it and then timed out), so a redelivery never makes a second one. An owner with no
 * Contact gets no Task. A failure rolls the message back and the broker retries with back-off.
 */
@Component("salesforceTaskSink")
public class SalesforceTaskSink {

    private static final Logger log = LoggerFactory.getLogger(SalesforceTaskSink.class);

    static final Duration CLAIM = Duration.ofMinutes(2);

    private final OutboxStore outbox;
    private final SalesforceRest rest;
    private final ObjectMapper json;

    SalesforceTaskSink(OutboxStore outbox, SalesforceRest rest, ObjectMapper json) {
        this.outbox = outbox;
        this.rest = rest;
        this.json = json;
    }

    public void log(Exchange exchange) {
        List<OutboxStore.Claimed> claimed = outbox.claimAll(Queues.ids(exchange.getMessage().getBody(String.class)), CLAIM);
        List<UUID> done = new ArrayList<>(claimed.size());
        try {
            for (OutboxStore.Claimed action : claimed) {
                ensureTask(action.payload());
                done.add(action.id());
            }
        } finally {
            outbox.markSent(done);
        }
    }

    private void ensureTask(Map<String, Object> p) {
        String decisionId = UUID.fromString(String.valueOf(p.get("decisionId"))).toString();
        List<JsonNode> contacts = rest.query("SELECT Id FROM Contact WHERE Email = " + SalesforceRest.quoted(String.valueOf(p.get("email")))
                + " ORDER BY LastModifiedDate DESC LIMIT 1");
        if (contacts.isEmpty()) {
            log.info("No Contact has the e-mail address of decision {}'s owner: no Task logged", decisionId);
            return;
        }
        String contactId = contacts.get(0).path("Id").asText();
        if (!CaseChanges.RECORD_ID.matcher(contactId).matches()) {
            throw new IllegalStateException("Salesforce answered a Contact id that is not a record id");
        }
        String marker = "[hub:" + decisionId + "]";
        if (!rest.query("SELECT Id FROM Task WHERE WhoId = '" + contactId + "' AND Subject LIKE '%" + marker + "'").isEmpty()) {
            return;
        }
        ObjectNode task = json.createObjectNode();
        task.put("WhoId", contactId);
        task.put("Subject", "Offer: " + p.get("offerName") + " " + marker);
        task.put("Description", "Aftersales Hub offered " + p.get("sku") + " (" + p.get("discountPercent") + " % off) at moment "
                + p.get("moment") + " for unit " + p.get("gtin") + "/" + p.get("serial") + ", decision " + decisionId + ".");
        task.put("Status", "Completed");
        task.put("Priority", "Normal");
        task.put("ActivityDate", Instant.parse(String.valueOf(p.get("decidedAt"))).atZone(ZoneOffset.UTC).toLocalDate().toString());
        rest.create("Task", task);
    }
}
