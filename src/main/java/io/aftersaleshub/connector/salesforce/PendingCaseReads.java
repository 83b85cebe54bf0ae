package io.aftersaleshub.connector.salesforce;

import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Cases waiting to be re-read through the REST API (table {@code salesforce_pending_read}): named by a {@code GAP_*}
 * event, or closed by an event without the unit and category fields. A case Salesforce answers for is removed once
 * its event is ingested; one the hub refuses stays, marked {@code REFUSED} with the reason, for an operator.
 */
@Repository
class PendingCaseReads {

    private final JdbcClient jdbc;

    PendingCaseReads(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void add(Collection<String> recordIds, String reason) {
        for (String id : recordIds) {
            jdbc.sql("INSERT INTO salesforce_pending_read (record_id, reason) VALUES (?, ?) ON CONFLICT (record_id) DO NOTHING")
                    .params(id, reason).update();
        }
    }

    List<String> waiting(int limit) {
        return jdbc.sql("SELECT record_id FROM salesforce_pending_read WHERE state = 'PENDING' ORDER BY noticed_at, record_id LIMIT ?")
                .param(limit).query(String.class).list();
    }

    void remove(Collection<String> recordIds) {
        for (String id : recordIds) {
            jdbc.sql("DELETE FROM salesforce_pending_read WHERE record_id = ?").param(id).update();
        }
    }

    void failed(Collection<String> recordIds, String error) {
        for (String id : recordIds) {
            jdbc.sql("UPDATE salesforce_pending_read SET attempts = attempts + 1, last_error = ? WHERE record_id = ?")
                    .params(error, id).update();
        }
    }

    void refused(String recordId, String reason) {
        jdbc.sql("UPDATE salesforce_pending_read SET state = 'REFUSED', attempts = attempts + 1, last_error = ? WHERE record_id = ?")
                .params(reason, recordId).update();
    }
}
