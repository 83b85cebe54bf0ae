package io.aftersaleshub.chaos;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;

/**
 * What a fault scenario counts, by unique keys: in the hub's database (events by source and source event id,
 * decisions by event, e-mail actions by idempotency key) and at the SMTP server (mails by
 * {@code X-Hub-Idempotency-Key}).
 */
record ChaosCounts(int events, int streamEvents, int registrations, int decided, int decidedTwice, int undecided,
                   int failedEvents, int offeredWithoutAction, int actions, Set<String> sentKeys) {

    /** A fresh connection to the hub's database, for each look while the hub runs. */
    interface Database {
        Connection open() throws Exception;
    }

    /** Waits until every stored event is decided and no e-mail action is pending (or {@code atMost} passed); counts. */
    static ChaosCounts awaitSettled(Database database, Duration atMost) throws Exception {
        long t0 = System.nanoTime();
        while (true) {
            try (Connection db = database.open()) {
                int waiting = count(db, "SELECT count(*) FROM hub_event WHERE status = 'RECEIVED'")
                        + count(db, "SELECT count(*) FROM outbound_action WHERE status = 'PENDING'");
                if (waiting == 0 || System.nanoTime() - t0 > atMost.toNanos()) {
                    Set<String> sent = new HashSet<>();
                    try (ResultSet rs = db.createStatement().executeQuery(
                            "SELECT idempotency_key FROM outbound_action WHERE channel = 'email' AND status = 'SENT'")) {
                        while (rs.next()) {
                            sent.add(rs.getString(1));
                        }
                    }
                    return new ChaosCounts(
                            count(db, "SELECT count(*) FROM hub_event"),
                            count(db, "SELECT count(DISTINCT source_event_id) FROM hub_event WHERE source = 'chaos'"),
                            count(db, "SELECT count(*) FROM hub_event WHERE type = 'registration.completed'"),
                            count(db, "SELECT count(DISTINCT event_id) FROM decision"),
                            count(db, "SELECT count(*) - count(DISTINCT event_id) FROM decision"),
                            count(db, "SELECT count(*) FROM hub_event e WHERE NOT EXISTS (SELECT 1 FROM decision d WHERE d.event_id = e.id)"),
                            count(db, "SELECT count(*) FROM hub_event WHERE status = 'FAILED'"),
                            count(db, """
                                    SELECT count(*) FROM decision d WHERE d.status = 'OFFERED' AND NOT EXISTS
                                      (SELECT 1 FROM outbound_action a WHERE a.decision_id = d.id AND a.channel = 'email')"""),
                            count(db, "SELECT count(*) FROM outbound_action WHERE channel = 'email'"),
                            sent);
                }
            } catch (SQLException notReachableYet) {
                if (System.nanoTime() - t0 > atMost.toNanos()) {
                    throw notReachableYet;
                }
            }
            Thread.sleep(500);
        }
    }

    static int count(Connection db, String sql) throws SQLException {
        try (ResultSet rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Mails the SMTP server received, per idempotency key. */
    static Map<String, Integer> mailsByKey(GreenMail smtp) throws Exception {
        Map<String, Integer> received = new HashMap<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            received.merge(m.getHeader("X-Hub-Idempotency-Key")[0], 1, Integer::sum);
        }
        return received;
    }

    static Set<String> keysTwice(Map<String, Integer> received) {
        Set<String> twice = new HashSet<>();
        received.forEach((key, n) -> {
            if (n > 1) {
                twice.add(key);
            }
        });
        return twice;
    }

    Set<String> missingAt(Map<String, Integer> received) {
        Set<String> missing = new HashSet<>(sentKeys);
        missing.removeAll(received.keySet());
        return missing;
    }
}
