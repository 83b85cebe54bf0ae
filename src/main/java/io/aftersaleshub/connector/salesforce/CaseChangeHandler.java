package io.aftersaleshub.connector.salesforce;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftersaleshub.event.EventIngest;
import io.aftersaleshub.platform.RequestRejectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The step of route {@code salesforce-in-cases}, right below Camel's salesforce component: one Case change event
 * (its JSON and replay id, as the component delivers them) is read ({@link CaseChanges}) and, in one transaction,
 * its closed cases are ingested through the hub's event ingest, the records to re-read are noted, and the replay id
 * is checkpointed. A malformed event, or a case the ingest refuses, throws with the reason and writes nothing (the
 * checkpoint stays where it was). Records to re-read are read at once after the commit when Salesforce answers,
 * else by route {@code salesforce-in-gap-fill} later.
 */
@Component(CaseChangeHandler.BEAN)
public class CaseChangeHandler {

    static final String BEAN = "salesforceCaseChanges";

    private static final Logger log = LoggerFactory.getLogger(CaseChangeHandler.class);

    /** What one event led to. */
    public record Outcome(String changeType, List<EventIngest.Receipt> receipts, List<String> reread, String ignored) {
    }

    private final SalesforceProperties settings;
    private final CaseChanges changes;
    private final EventIngest ingest;
    private final ReplayCheckpoints checkpoints;
    private final PendingCaseReads pending;
    private final CaseRereads rereads;
    private final ObjectMapper json;
    private final TransactionTemplate transactions;

    CaseChangeHandler(SalesforceProperties settings, CaseChanges changes, EventIngest ingest, ReplayCheckpoints checkpoints,
                      PendingCaseReads pending, CaseRereads rereads, ObjectMapper json, PlatformTransactionManager transactionManager) {
        this.settings = settings;
        this.changes = changes;
        this.ingest = ingest;
        this.checkpoints = checkpoints;
        this.pending = pending;
        this.rereads = rereads;
        this.json = json;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    public Outcome onChange(String body, String replayId) {
        JsonNode event;
        try {
            event = json.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw refused(replayId, "it is not JSON (" + e.getOriginalMessage() + ")");
        }
        CaseChanges.Change change;
        try {
            change = changes.read(event);
        } catch (MalformedCaseChangeException e) {
            throw refused(replayId, e.getMessage());
        }
        Outcome outcome;
        try {
            outcome = transactions.execute(s -> {
                List<EventIngest.Receipt> receipts = change.events().isEmpty() ? List.of()
                        : ingest.ingest(json.valueToTree(change.events()));
                pending.add(change.reread(), change.changeType());
                checkpoints.save(settings.topic(), replayId, change.changedAt());
                return new Outcome(change.changeType(), receipts, change.reread(), change.ignored());
            });
        } catch (RequestRejectedException e) {
            throw refused(replayId, "the hub refuses its case: " + e.getMessage());
        }
        if (!outcome.reread().isEmpty()) {
            try {
                rereads.fill();
            } catch (RuntimeException e) {
                log.warn("Salesforce did not answer the re-read of {} case(s) after a {} event; route salesforce-in-gap-fill tries again: {}",
                        outcome.reread().size(), outcome.changeType(), e.toString());
            }
        }
        return outcome;
    }

    private static MalformedCaseChangeException refused(String replayId, String why) {
        return new MalformedCaseChangeException("Salesforce change event with replay id " + replayId
                + " is refused, nothing was written: " + why);
    }
}
