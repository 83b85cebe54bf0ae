package io.aftersaleshub.dispatch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import io.aftersaleshub.platform.WorkerThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * This hub process's liveness as PostgreSQL sees it, so that a sender's claim on an action is worth
 * exactly as long as the sender lives.
 *
 * <p>Why not a shorter claim renewed while sending, or a heartbeat row: both guess death from time, and a
 * process that is alive but slow (a GC pause, a slow SMTP server, a stalled disk) would lose its claim
 * mid-send and the mail would go out twice. Instead each process holds a PostgreSQL <em>session advisory
 * lock</em> {@code (LOCK_SPACE, id)} on one dedicated connection for its whole life and tags its claims with
 * {@code id} ({@code outbound_action.claimed_by}). PostgreSQL drops the lock the moment that session ends —
 * the process was killed (the kernel closes its sockets), or the database itself restarted — so another
 * sender, or this process after a restart, takes a dead claimer's actions over within seconds; a live
 * claimer's claims never run out, however long its send takes. Checked with {@link OutboxStore#claimHeld}.
 *
 * <p>If the lock's connection breaks while the process lives (a database restart), a watcher takes the
 * same lock again within a second; in that window the claims of a send in flight look dead to other processes
 * (never to this one, which knows it lives), the same window in which that send could not be marked sent anyway.
 */
@Component
public class SenderLiveness implements SmartLifecycle {

    /** First key of the hub's advisory locks ("HUB!"), so that they never collide with another application's. */
    static final int LOCK_SPACE = 0x48554221;
    private static final Logger log = LoggerFactory.getLogger(SenderLiveness.class);
    private static final Duration CHECK = Duration.ofSeconds(1);

    private final DataSource dataSource;
    private final Object lock = new Object();
    private volatile int id;
    private volatile boolean running;
    private Connection connection;
    private WorkerThreads watcher;

    public SenderLiveness(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The id this process tags its claims with; 0 (no claimer) before it started. */
    public int id() {
        return id;
    }

    @Override
    public void start() {
        synchronized (lock) {
            int candidate = id;
            while (!hold(candidate)) {
                candidate = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE); // taken by another process: another id
            }
            id = candidate;
        }
        running = true;
        log.info("Sender liveness: claims of this process are tagged {}", id);
        watcher = WorkerThreads.start("hub-sender-liveness", 1, this::watch);
    }

    /** Takes the lock for {@code candidate} on a fresh connection; false when another session holds it. */
    private boolean hold(int candidate) {
        if (candidate == 0) {
            return false;
        }
        close();
        try {
            Connection c = dataSource.getConnection();
            c.setAutoCommit(true);
            try (PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
                s.setInt(1, LOCK_SPACE);
                s.setInt(2, candidate);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        connection = c;
                        return true;
                    }
                }
            }
            c.close();
            return false;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the sender liveness lock: " + e.getMessage(), e);
        }
    }

    private void watch() {
        while (running) {
            try {
                Thread.sleep(CHECK.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            synchronized (lock) {
                if (!running) {
                    return;
                }
                try {
                    if (connection == null || !connection.isValid(2)) {
                        log.warn("Sender liveness lock lost with its connection; taking it again");
                        if (!hold(id)) {
                            log.error("Sender liveness lock {} is held by another session; claims of this process may be taken over", id);
                        }
                    }
                } catch (SQLException | RuntimeException e) { // the database is down: try again next round
                    log.warn("Sender liveness check failed: {}", e.toString());
                }
            }
        }
    }

    private void close() {
        if (connection != null) {
            // the pool does not reset session state: unlock before the connection goes back to it
            try (PreparedStatement s = connection.prepareStatement("SELECT pg_advisory_unlock_all()")) {
                s.setQueryTimeout(2);
                s.execute();
            } catch (SQLException ignored) {
                // a broken connection: its session and lock are gone, and the pool drops it
            }
            try {
                connection.close();
            } catch (SQLException ignored) {
                // gone either way
            }
            connection = null;
        }
    }

    @Override
    public void stop() {
        running = false;
        if (watcher != null) {
            watcher.join(Duration.ofSeconds(3));
        }
        synchronized (lock) {
            close();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // starts before the sinks claim anything, stops after Camel's routes have finished their sends
        return Integer.MIN_VALUE + 200;
    }
}
