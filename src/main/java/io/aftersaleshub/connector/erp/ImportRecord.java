package io.aftersaleshub.connector.erp;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An import as {@code GET /api/imports/{id}} shows it. {@code status}: RECEIVED, VALIDATING, APPLYING,
 * DONE, FAILED (nothing changed; {@code errors} holds the first bad lines, {@code errorCount} all of
 * them) or DUPLICATE (the same bytes were applied before by {@code duplicateOf}; nothing changed).
 */
public record ImportRecord(UUID id, String source, String fileName, String kind, String status, long linesRead,
                           long linesApplied, List<ImportProblem> errors, long errorCount, UUID duplicateOf,
                           String sha256, Instant startedAt, Instant finishedAt) {

    public boolean finished() {
        return finishedAt != null;
    }
}
