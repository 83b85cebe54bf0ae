package io.aftersaleshub.connector.salesforce;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aftersaleshub.event.EventIngest;
import io.aftersaleshub.platform.RequestRejectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Cases read back through the REST API rather than from change events: the records a {@code GAP_*} event (or an
 * incomplete close) named, and, when the replay id cannot be used, every case closed since the checkpoint's time.
 * Each closed case is ingested on its own (one the hub refuses does not hold back the others); the ingest's
 * dedupe by case makes a case read twice one event.
 */
@Component
class CaseRereads {

    private static final Logger log = LoggerFactory.getLogger(CaseRereads.class);

    /** A catch-up reads from a little before the checkpoint: commit times and ClosedDate differ by moments. */
    static final Duration OVERLAP = Duration.ofMinutes(5);
    static final int PAGE = 200;

    private final SalesforceProperties settings;
    private final CaseReader reader;
    private final CaseEvents cases;
    private final EventIngest ingest;
    private final PendingCaseReads pending;
    private final ReplayCheckpoints checkpoints;
    private final Clock clock;

    CaseRereads(SalesforceProperties settings, CaseReader reader, CaseEvents cases, EventIngest ingest, PendingCaseReads pending,
                ReplayCheckpoints checkpoints, Clock clock) {
        this.clock = clock;
        this.settings = settings;
        this.reader = reader;
        this.cases = cases;
        this.ingest = ingest;
        this.pending = pending;
        this.checkpoints = checkpoints;
    }

    /** Re-reads the waiting records; returns how many events were newly accepted. Throws when Salesforce does not answer. */
    synchronized int fill() {
        int accepted = 0;
        List<String> ids;
        while (!(ids = pending.waiting(PAGE)).isEmpty()) {
            List<JsonNode> records;
            try {
                records = reader.byIds(ids);
            } catch (RuntimeException e) {
                pending.failed(ids, String.valueOf(e.getMessage()));
                throw e;
            }
            List<String> done = new ArrayList<>(ids);
            for (JsonNode record : records) {
                String id = record.path("Id").asText();
                Optional<ObjectNode> event = cases.closed(id, record, null);
                if (event.isEmpty()) {
                    continue; // not closed as resolved, or not about a unit: nothing to decide
                }
                Result result = ingestOne(event.get(), id, true);
                if (result == Result.REFUSED) {
                    done.remove(id);
                }
                accepted += result == Result.ACCEPTED ? 1 : 0;
            }
            pending.remove(done);
        }
        return accepted;
    }

    /**
     * The fallback for a replay id Salesforce no longer has: ingests the cases closed since {@code since} (less
     * {@link #OVERLAP}), then records a checkpoint without replay id at the time the query started, from which a
     * later catch-up would go on. Returns how many events were newly accepted.
     */
    int catchUpSince(Instant since) {
        Instant startedAt = clock.instant();
        List<JsonNode> records = reader.closedSince(since.minus(OVERLAP));
        int accepted = 0;
        for (JsonNode record : records) {
            String id = record.path("Id").asText();
            Optional<ObjectNode> event = cases.closed(id, record, null);
            if (event.isPresent() && ingestOne(event.get(), id, false) == Result.ACCEPTED) {
                accepted++;
            }
        }
        checkpoints.save(settings.topic(), null, startedAt);
        log.info("Salesforce catch-up: {} case(s) closed since {} read, {} new support.case_closed event(s)", records.size(),
                since.minus(OVERLAP), accepted);
        return accepted;
    }

    /** What became of one read case. */
    private enum Result { ACCEPTED, DUPLICATE, REFUSED }

    /** Ingests one event in its own transaction; a refusal is logged with its reason and kept on the pending read. */
    private Result ingestOne(ObjectNode event, String recordId, boolean pendingRead) {
        try {
            List<EventIngest.Receipt> receipts = ingest.ingest(event);
            return "accepted".equals(receipts.get(0).status()) ? Result.ACCEPTED : Result.DUPLICATE;
        } catch (RequestRejectedException e) {
            log.error("Salesforce case {} is refused by the hub and not decided: {}", recordId, e.getMessage());
            if (pendingRead) {
                pending.refused(recordId, e.getMessage());
            }
            return Result.REFUSED;
        }
    }
}
