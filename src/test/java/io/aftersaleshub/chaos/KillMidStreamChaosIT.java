package io.aftersaleshub.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import io.aftersaleshub.support.FreePort;
import io.aftersaleshub.support.HubProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code kill -9} of the packaged hub while a stream of 20,000 events (batches to {@code POST /api/events}) and
 * registrations flows in and e-mails flow out; then a restart on the same data folder, and the client resends
 * what was not acknowledged, as an integration does. Counted by unique keys in the hub's database and at the
 * SMTP server (by {@code X-Hub-Idempotency-Key}): every event stored once and decided once, every e-mail action
 * sent, none missing, and a mail twice only for an action the killed process had claimed and not yet marked sent
 * (an SMTP server has no transactions: such a mail is in doubt, and is sent again rather than lost).
 */
class KillMidStreamChaosIT {

    private static final Logger log = LoggerFactory.getLogger(KillMidStreamChaosIT.class);
    private static final String GTIN = "04098765000300"; // EM-300 of the demo catalogue
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EVENTS = 20_000;
    private static final int BATCH = 250;
    private static final int OWNED_UNITS = 300;
    private static final int STREAMED_REGISTRATIONS = 200;
    private static final int KILL_AFTER_EVENTS = 8_000;
    /** concurrentConsumers of routes/email-out-offer.camel.yaml: each marks a mail sent as soon as SMTP took it. */
    private static final int EMAIL_CONSUMERS = 8;

    private HubProcess hub;
    private GreenMail smtp;

    @AfterEach
    void cleanUp() {
        if (hub != null) {
            hub.cleanUp();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void everyAcknowledgedEventIsDecidedOnceAndEveryActionDeliveredAfterKillMinus9MidStream() throws Exception {
        int smtpPort = FreePort.find();
        smtp = ChaosLoad.smtp(smtpPort);
        hub = new HubProcess(Files.createTempDirectory("hub-chaos-").resolve("kill9-stream"), ChaosLoad.streamEnvironment(smtpPort));
        hub.start(Map.of());
        ChaosLoad.uploadUnits(hub, GTIN, "K9", OWNED_UNITS + STREAMED_REGISTRATIONS);
        Set<String> registered = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < OWNED_UNITS; i++) {
            String serial = ChaosLoad.serial("K9", i);
            assertThat(hub.post("/api/registrations", ChaosLoad.registration(GTIN, serial)).statusCode()).isEqualTo(201);
            registered.add(serial);
        }

        // the stream: two clients post event batches (support cases closed on owned units), one registers more units
        Map<Integer, String> batches = new ConcurrentHashMap<>();
        for (int b = 0; b < EVENTS / BATCH; b++) {
            batches.put(b, ChaosLoad.eventBatch(GTIN, "K9", OWNED_UNITS, b, BATCH));
        }
        Set<Integer> acknowledgedBatches = ConcurrentHashMap.newKeySet();
        AtomicInteger acknowledgedEvents = new AtomicInteger();
        List<String> serverErrors = new CopyOnWriteArrayList<>();
        AtomicInteger nextBatch = new AtomicInteger();
        AtomicInteger nextRegistration = new AtomicInteger(OWNED_UNITS);
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            clients.add(start(() -> {
                for (int b = nextBatch.getAndIncrement(); b < EVENTS / BATCH; b = nextBatch.getAndIncrement()) {
                    if (!postBatch(batches.get(b), serverErrors)) {
                        return; // the hub is gone: what was not acknowledged is resent after the restart
                    }
                    acknowledgedBatches.add(b);
                    acknowledgedEvents.addAndGet(BATCH);
                }
            }));
        }
        clients.add(start(() -> {
            for (int i = nextRegistration.getAndIncrement(); i < OWNED_UNITS + STREAMED_REGISTRATIONS;
                 i = nextRegistration.getAndIncrement()) {
                String serial = ChaosLoad.serial("K9", i);
                if (!register(serial, serverErrors)) {
                    return;
                }
                registered.add(serial);
            }
        }));
        long waited = System.nanoTime();
        while (acknowledgedEvents.get() < KILL_AFTER_EVENTS) {
            assertThat(System.nanoTime() - waited).as("events acknowledged before the kill").isLessThan(Duration.ofMinutes(2).toNanos());
            Thread.sleep(5);
        }
        hub.kill();
        int acknowledgedAtKill = acknowledgedEvents.get();
        int registeredAtKill = registered.size();
        int mailsAtKill = smtp.getReceivedMessages().length;
        for (Thread t : clients) {
            t.join(60_000);
        }
        // the killed hub's PostgreSQL still runs: the actions its sender had claimed and not marked sent are in doubt
        Set<String> inDoubt = new HashSet<>();
        try (Connection db = hub.database();
             ResultSet rs = db.createStatement().executeQuery(
                     "SELECT idempotency_key FROM outbound_action WHERE status = 'PENDING' AND claimed_by IS NOT NULL")) {
            while (rs.next()) {
                inDoubt.add(rs.getString(1));
            }
        }

        Duration restart = hub.start(Map.of());
        // the client resends what was not acknowledged (stored or not), then the stream goes on to its end
        for (int b = 0; b < EVENTS / BATCH; b++) {
            if (!acknowledgedBatches.contains(b)) {
                assertThat(postBatch(batches.get(b), serverErrors)).as("batch %s after the restart", b).isTrue();
                acknowledgedBatches.add(b);
            }
        }
        for (int i = OWNED_UNITS; i < OWNED_UNITS + STREAMED_REGISTRATIONS; i++) {
            String serial = ChaosLoad.serial("K9", i);
            if (!registered.contains(serial)) {
                assertThat(register(serial, serverErrors)).as("registration %s after the restart", serial).isTrue();
                registered.add(serial);
            }
        }
        assertThat(serverErrors).as("no request answered 5xx").isEmpty();

        ChaosCounts counts = ChaosCounts.awaitSettled(hub::database, Duration.ofMinutes(4));
        Map<String, Integer> received = ChaosCounts.mailsByKey(smtp);
        Set<String> twice = ChaosCounts.keysTwice(received);
        Set<String> missing = counts.missingAt(received);
        log.info("FAULT kill -9 mid-stream: events acknowledged {} of {} (at the kill {}), registrations {} (at the kill {}); "
                        + "stored {}, decided {} (twice {}); e-mail actions {}, SENT {}; mails received {}, distinct keys {}, "
                        + "missing {}, twice {} (claimed and unmarked at the kill {}); mails before the kill {}; restart {} ms",
                acknowledgedBatches.size() * BATCH, EVENTS, acknowledgedAtKill, registered.size(), registeredAtKill,
                counts.events(), counts.decided(), counts.decidedTwice(), counts.actions(), counts.sentKeys().size(),
                smtp.getReceivedMessages().length, received.size(), missing.size(), twice.size(), inDoubt.size(),
                mailsAtKill, restart.toMillis());

        assertThat(acknowledgedBatches).hasSize(EVENTS / BATCH);
        assertThat(counts.streamEvents()).as("every acknowledged event stored once").isEqualTo(EVENTS);
        assertThat(counts.registrations()).as("every acknowledged registration stored once").isEqualTo(registered.size());
        assertThat(counts.undecided()).as("events without a decision").isZero();
        assertThat(counts.failedEvents()).as("events parked as FAILED").isZero();
        assertThat(counts.decidedTwice()).as("events decided twice").isZero();
        assertThat(counts.decided()).isEqualTo(counts.events());
        assertThat(counts.offeredWithoutAction()).as("offers to consenting owners without an e-mail action").isZero();
        assertThat(counts.actions()).as("most events make an e-mail").isGreaterThan(EVENTS / 2);
        assertThat(counts.sentKeys()).as("every e-mail action sent").hasSize(counts.actions());
        assertThat(missing).as("sent actions no mail reached the SMTP server for").isEmpty();
        assertThat(received.keySet()).as("mails the hub has no action for").isSubsetOf(counts.sentKeys());
        assertThat(inDoubt).as("mails twice are only those in doubt at the kill").containsAll(twice);
        assertThat(twice.size()).as("twice: at most the one mail each of the 8 e-mail consumers had just sent")
                .isLessThanOrEqualTo(EMAIL_CONSUMERS);
        hub.terminate(Duration.ofSeconds(60));
    }

    /** True when the hub acknowledged the batch (every receipt accepted or duplicate); false when it was gone. */
    private boolean postBatch(String body, List<String> serverErrors) {
        return acknowledged("/api/events", body, serverErrors, r -> {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            JsonNode receipts = JSON.readTree(r.body());
            assertThat(receipts).hasSize(BATCH);
            receipts.forEach(x -> assertThat(x.get("status").asText()).isIn("accepted", "duplicate"));
        });
    }

    private boolean register(String serial, List<String> serverErrors) {
        return acknowledged("/api/registrations", ChaosLoad.registration(GTIN, serial), serverErrors,
                r -> assertThat(r.statusCode()).as(r.body()).isIn(200, 201));
    }

    private interface Check {
        void check(java.net.http.HttpResponse<String> answer) throws IOException;
    }

    /** Posts once: true when answered (and the answer passes {@code check}), false when the hub was gone or answered 5xx. */
    private boolean acknowledged(String path, String body, List<String> serverErrors, Check check) {
        try {
            var r = hub.post(path, body);
            if (r.statusCode() >= 500) {
                serverErrors.add(path + " " + r.statusCode() + " " + r.body());
                return false;
            }
            check.check(r);
            return true;
        } catch (IOException gone) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Thread start(Runnable r) {
        Thread t = new Thread(r);
        t.start();
        return t;
    }
}
