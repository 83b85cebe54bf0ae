package io.aftersaleshub.connector.erp;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The import records ({@code erp_import}). Every write runs in its own transaction, committed at once,
 * so that progress is visible while the import's own transaction is still open.
 */
@Repository
class ImportStore {

    private final JdbcClient jdbc;
    private final TransactionTemplate own;
    private final ObjectMapper json;

    ImportStore(JdbcClient jdbc, PlatformTransactionManager tx, ObjectMapper json) {
        this.jdbc = jdbc;
        this.own = new TransactionTemplate(tx);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.json = json;
    }

    void create(UUID id, String source, String fileName, String sha256) {
        own.executeWithoutResult(s -> jdbc.sql("""
                        INSERT INTO erp_import (id, source, file_name, sha256, status) VALUES (?, ?, ?, ?, 'RECEIVED')""")
                .params(id, source, fileName, sha256).update());
    }

    /** A file with these bytes that was applied before, if any. */
    Optional<UUID> appliedBefore(String sha256) {
        return jdbc.sql("SELECT id FROM erp_import WHERE sha256 = ? AND status = 'DONE'").param(sha256)
                .query(UUID.class).optional();
    }

    void started(UUID id, ImportKind kind) {
        own.executeWithoutResult(s -> jdbc.sql("UPDATE erp_import SET kind = ?, status = 'VALIDATING' WHERE id = ?")
                .params(kind.label(), id).update());
    }

    void progress(UUID id, String status, long linesRead, long linesApplied) {
        own.executeWithoutResult(s -> jdbc.sql("""
                        UPDATE erp_import SET status = ?, lines_read = ?, lines_applied = ? WHERE id = ?""")
                .params(status, linesRead, linesApplied, id).update());
    }

    void done(UUID id, long linesRead, long linesApplied) {
        own.executeWithoutResult(s -> jdbc.sql("""
                        UPDATE erp_import SET status = 'DONE', lines_read = ?, lines_applied = ?, finished_at = now()
                        WHERE id = ?""")
                .params(linesRead, linesApplied, id).update());
    }

    void duplicate(UUID id, UUID of) {
        own.executeWithoutResult(s -> jdbc.sql("""
                        UPDATE erp_import SET status = 'DUPLICATE', duplicate_of = ?, finished_at = now() WHERE id = ?""")
                .params(of, id).update());
    }

    void failed(UUID id, String kind, long linesRead, List<ImportProblem> first, long count) {
        own.executeWithoutResult(s -> jdbc.sql("""
                        UPDATE erp_import SET status = 'FAILED', kind = coalesce(?, kind), lines_read = ?, lines_applied = 0,
                            errors = CAST(? AS jsonb), error_count = ?, finished_at = now()
                        WHERE id = ?""")
                .params(kind, linesRead, write(first), count, id).update());
    }

    Optional<ImportRecord> find(UUID id) {
        return jdbc.sql("""
                        SELECT id, source, file_name, kind, status, lines_read, lines_applied, errors, error_count,
                               duplicate_of, sha256, started_at, finished_at
                        FROM erp_import WHERE id = ?""")
                .param(id)
                .query((rs, n) -> {
                    Timestamp finished = rs.getTimestamp(13);
                    return new ImportRecord(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getLong(6), rs.getLong(7), read(rs.getString(8)), rs.getLong(9),
                            rs.getObject(10, UUID.class), rs.getString(11), rs.getTimestamp(12).toInstant(),
                            finished == null ? null : finished.toInstant());
                })
                .optional();
    }

    private String write(List<ImportProblem> problems) {
        try {
            return json.writeValueAsString(problems);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<ImportProblem> read(String text) {
        try {
            return json.readValue(text, new TypeReference<>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
