package io.aftersaleshub.platform;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hub that was killed hard (kill -9, power loss of the JVM only) leaves its embedded PostgreSQL
 * running, and the next start would fail on the busy data folder. Before starting, this stops such a
 * leftover server — but only when no running hub holds the folder's lock, so a live hub is never touched.
 */
final class LeftoverPostgres {

    private static final Logger log = LoggerFactory.getLogger(LeftoverPostgres.class);
    /** The lock file the embedded PostgreSQL library holds while a hub uses the folder. */
    static final String LOCK_FILE = "epg-lock";

    private LeftoverPostgres() {
    }

    static void stopIfOrphaned(Path pgData, Duration wait) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Path lockFile = pgData.resolve(LOCK_FILE);
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new IllegalStateException("the data folder " + pgData.getParent()
                        + " is in use by another running hub; stop it or give this one another HUB_DATA_DIR");
            }
            lock.release();
        }
        Optional<ProcessHandle> server = postmasterOf(pidFile);
        if (server.isEmpty()) {
            return; // a stale pid file; PostgreSQL itself cleans it up
        }
        log.warn("Stopping PostgreSQL (pid {}) left running on {} by a hub that did not shut down", server.get().pid(), pgData);
        server.get().destroy(); // SIGTERM; the dead hub's connections are gone, so it stops at once
        try {
            server.get().onExit().get(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("PostgreSQL left running on " + pgData + " (pid " + server.get().pid()
                    + ") did not stop within " + wait.toSeconds() + " s", e);
        }
    }

    /** The live process named in the pid file, if it is a postgres server on this data folder. */
    static Optional<ProcessHandle> postmasterOf(Path pidFile) throws IOException {
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty() || !lines.get(0).trim().matches("\\d+")) {
            return Optional.empty();
        }
        Path dataDir = pidFile.getParent().toAbsolutePath().normalize();
        if (lines.size() > 1 && !Path.of(lines.get(1).trim()).toAbsolutePath().normalize().equals(dataDir)) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
    }
}
