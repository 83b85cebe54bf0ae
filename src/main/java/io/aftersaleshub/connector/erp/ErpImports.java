package io.aftersaleshub.connector.erp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * ERP files in, from the inbox route or {@code POST /api/imports}: each file is copied to the work folder
 * (its SHA-256 taken on the way), recorded, and imported by {@link ErpImporter}; bytes applied before are
 * recorded as DUPLICATE and change nothing. Imports run one at a time on a node.
 */
@Service
public class ErpImports {

    private static final Logger log = LoggerFactory.getLogger(ErpImports.class);

    /** An import and, for a failed one, its bad lines for the report (up to {@link ErpImporter#REPORT_MAX}). */
    public record Result(ImportRecord record, java.util.List<ImportProblem> report, long errorCount) {
    }

    /** An accepted upload and its import, which completes when the import has ended. */
    public record Submitted(UUID id, CompletableFuture<Result> done) {
    }

    private final ErpImporter importer;
    private final ImportStore store;
    private final Path work;
    private final ReentrantLock oneAtATime = new ReentrantLock();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "erp-import");
        t.setDaemon(true);
        return t;
    });

    public ErpImports(ErpImporter importer, ImportStore store, ErpProperties settings) {
        this.importer = importer;
        this.store = store;
        this.work = Path.of(settings.work());
    }

    /** A file from the inbox, imported in the caller's thread. */
    public Result importNow(InputStream body, String fileName, String source) throws IOException {
        UUID id = UUID.randomUUID();
        Path file = spool(id, body, fileName, source);
        return run(id, file);
    }

    /** An upload: recorded at once; imported in the background unless its header names no kind (then at once). */
    public Submitted submit(InputStream body, String fileName) throws IOException {
        UUID id = UUID.randomUUID();
        Path file = spool(id, body, fileName, "api");
        if (ErpImporter.kindOf(file) == null) {
            return new Submitted(id, CompletableFuture.completedFuture(run(id, file)));
        }
        return new Submitted(id, CompletableFuture.supplyAsync(() -> {
            try {
                return run(id, file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, executor));
    }

    public Optional<ImportRecord> find(UUID id) {
        return store.find(id);
    }

    private Result run(UUID id, Path file) throws IOException {
        oneAtATime.lock();
        try {
            String sha = store.find(id).orElseThrow().sha256();
            Optional<UUID> before = store.appliedBefore(sha);
            if (before.isPresent()) {
                store.duplicate(id, before.get());
                return new Result(store.find(id).orElseThrow(), java.util.List.of(), 0);
            }
            ErpImporter.Outcome o;
            try {
                o = importer.run(id, file);
            } catch (RuntimeException | IOException e) {
                log.error("ERP import {} failed unexpectedly", id, e);
                store.failed(id, null, 0, java.util.List.of(new ImportProblem(0, "file",
                        "the hub could not import this file (" + e.getClass().getSimpleName() + "); the error has been logged")), 1);
                return new Result(store.find(id).orElseThrow(), store.find(id).orElseThrow().errors(), 1);
            }
            ImportRecord r = store.find(id).orElseThrow();
            log.info("ERP import {} ({}, {}): {} lines, {} applied, {} bad", id, r.fileName(), r.kind(), r.linesRead(),
                    r.linesApplied(), r.errorCount());
            return new Result(r, o.bad().kept(), o.bad().count());
        } finally {
            oneAtATime.unlock();
            Files.deleteIfExists(file);
        }
    }

    private Path spool(UUID id, InputStream body, String fileName, String source) throws IOException {
        Files.createDirectories(work);
        Path file = work.resolve(id + ".csv");
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha)) {
            body.transferTo(out);
        }
        String name = fileName == null || fileName.isBlank() ? id + ".csv" : fileName;
        try {
            store.create(id, source, name.length() > 255 ? name.substring(0, 255) : name, HexFormat.of().formatHex(sha.digest()));
        } catch (RuntimeException e) {
            // not recorded (database down?): the inbox file stays where it is and is tried again
            Files.deleteIfExists(file);
            throw e;
        }
        return file;
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
