package io.aftersaleshub.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
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
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL stopped ({@code pg_ctl stop -m fast}) and started again on the same data while the packaged hub
 * takes a stream of event batches and registrations and sends e-mails. The database is one this test runs (as an
 * operator's external server: {@code DATABASE_URL}), so that it can be stopped and started under the hub. The hub
 * must recover unaided: requests during the outage are answered 503 problem details with {@code Retry-After}
 * (never 500), the client resends them, and afterwards every event is stored and decided once and every e-mail
 * action delivered once, counted by unique keys in the database and at the SMTP server.
 */
class DatabaseOutageChaosIT {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutageChaosIT.class);
    private static final String GTIN = "04098765000300";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EVENTS = 6_000;
    private static final int BATCH = 100;
    private static final int OWNED_UNITS = 200;
    private static final int STREAMED_REGISTRATIONS = 100;
    private static final int STOP_AFTER_EVENTS = 1_500;
    private static final Duration OUTAGE = Duration.ofSeconds(12);

    private HubProcess hub;
    private GreenMail smtp;
    private EmbeddedPostgres pg;

    @AfterEach
    void cleanUp() throws IOException {
        if (hub != null) {
            hub.cleanUp();
        }
        if (smtp != null) {
            smtp.stop();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void theHubRecoversUnaidedAnswers503DuringTheOutageAndLosesNothing() throws Exception {
        Path root = Files.createTempDirectory("hub-chaos-");
        Path pgData = root.resolve("pg");
        int pgPort = FreePort.find();
        pg = database(pgData, pgPort);
        int smtpPort = FreePort.find();
        smtp = ChaosLoad.smtp(smtpPort);
        Map<String, String> env = ChaosLoad.streamEnvironment(smtpPort);
        env.put("DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres");
        env.put("DATABASE_USER", "postgres");
        env.put("HUB_LINK_KEY", "database-outage-chaos-link-key-0123456789");
        env.put("HUB_OFFER_TOKEN_KEY", "database-outage-chaos-offer-token-key-0123");
        hub = new HubProcess(root.resolve("hub"), env);
        hub.start(Map.of());
        ChaosLoad.uploadUnits(hub, GTIN, "DB", OWNED_UNITS + STREAMED_REGISTRATIONS);
        for (int i = 0; i < OWNED_UNITS; i++) {
            assertThat(hub.post("/api/registrations", ChaosLoad.registration(GTIN, ChaosLoad.serial("DB", i))).statusCode())
                    .isEqualTo(201);
        }

        Answers answers = new Answers();
        AtomicInteger acknowledgedEvents = new AtomicInteger();
        AtomicInteger nextBatch = new AtomicInteger();
        AtomicInteger nextRegistration = new AtomicInteger(OWNED_UNITS);
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            clients.add(start(() -> {
                for (int b = nextBatch.getAndIncrement(); b < EVENTS / BATCH; b = nextBatch.getAndIncrement()) {
                    sendUntilAcknowledged("/api/events", ChaosLoad.eventBatch(GTIN, "DB", OWNED_UNITS, b, BATCH), 202, answers);
                    acknowledgedEvents.addAndGet(BATCH);
                }
            }));
        }
        clients.add(start(() -> {
            for (int i = nextRegistration.getAndIncrement(); i < OWNED_UNITS + STREAMED_REGISTRATIONS;
                 i = nextRegistration.getAndIncrement()) {
                sendUntilAcknowledged("/api/registrations", ChaosLoad.registration(GTIN, ChaosLoad.serial("DB", i)), 201, answers);
            }
        }));
        while (acknowledgedEvents.get() < STOP_AFTER_EVENTS) {
            Thread.sleep(5);
        }
        int acknowledgedAtStop = acknowledgedEvents.get();
        pg.close(); // pg_ctl stop -m fast: sessions are ended, in-flight transactions roll back
        pg = null;
        Thread.sleep(OUTAGE.toMillis());
        int answersDuringOutage = answers.unavailable.get();
        pg = database(pgData, pgPort);
        for (Thread t : clients) {
            t.join(Duration.ofMinutes(3).toMillis());
            assertThat(t.isAlive()).as("client done").isFalse();
        }

        ChaosCounts counts = ChaosCounts.awaitSettled(() -> DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres", "postgres", ""), Duration.ofMinutes(3));
        Map<String, Integer> received = ChaosCounts.mailsByKey(smtp);
        Set<String> twice = ChaosCounts.keysTwice(received);
        Set<String> missing = counts.missingAt(received);
        log.info("FAULT PostgreSQL stopped {} s mid-stream: events acknowledged {} (at the stop {}), registrations {}; "
                        + "answers 503 {} (during the outage {}), 5xx other than 503 {}, resent after 503 and then found "
                        + "stored {}; stored {}, decided {} (twice {}, FAILED {}); e-mail actions {}, SENT {}; mails received {}, "
                        + "distinct keys {}, missing {}, twice {}",
                OUTAGE.toSeconds(), EVENTS, acknowledgedAtStop, OWNED_UNITS + STREAMED_REGISTRATIONS,
                answers.unavailable.get(), answersDuringOutage, answers.serverErrors.size(), answers.storedAfter503.get(),
                counts.events(), counts.decided(), counts.decidedTwice(), counts.failedEvents(), counts.actions(),
                counts.sentKeys().size(), smtp.getReceivedMessages().length, received.size(), missing.size(), twice.size());

        assertThat(answers.serverErrors).as("no 500 (or other 5xx than 503) during or after the outage").isEmpty();
        assertThat(answers.unavailable.get()).as("requests during the outage are answered 503").isPositive();
        assertThat(answers.badUnavailable).as("every 503 is problem details with Retry-After").isEmpty();
        assertThat(counts.streamEvents()).as("every acknowledged event stored once").isEqualTo(EVENTS);
        assertThat(counts.registrations()).as("every acknowledged registration stored once")
                .isEqualTo(OWNED_UNITS + STREAMED_REGISTRATIONS);
        assertThat(counts.undecided()).as("events without a decision").isZero();
        assertThat(counts.failedEvents()).as("events parked as FAILED because the database was away").isZero();
        assertThat(counts.decidedTwice()).isZero();
        assertThat(counts.offeredWithoutAction()).as("offers without their e-mail action (half-written)").isZero();
        assertThat(counts.actions()).isGreaterThan(EVENTS / 2);
        assertThat(counts.sentKeys()).as("every e-mail action sent").hasSize(counts.actions());
        assertThat(missing).as("sent actions no mail reached the SMTP server for").isEmpty();
        assertThat(twice).as("mails twice").isEmpty();
        hub.terminate(Duration.ofSeconds(60));
    }

    /** What the clients were answered, beyond their acknowledgements. */
    private static final class Answers {
        final AtomicInteger unavailable = new AtomicInteger();
        final AtomicInteger storedAfter503 = new AtomicInteger();
        final List<String> serverErrors = new CopyOnWriteArrayList<>();
        final List<String> badUnavailable = new CopyOnWriteArrayList<>();
    }

    /** Posts until acknowledged, as an integration does: a 503 or a refused connection is tried again shortly. */
    private void sendUntilAcknowledged(String path, String body, int created, Answers answers) {
        boolean after503 = false;
        while (true) {
            try {
                var r = hub.post(path, body);
                if (r.statusCode() == 503) {
                    answers.unavailable.incrementAndGet();
                    JsonNode problem = JSON.readTree(r.body());
                    if (r.headers().firstValue("Retry-After").isEmpty()
                            || !r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")
                            || problem.path("status").asInt() != 503) {
                        answers.badUnavailable.add(r.headers().map() + " " + r.body());
                    }
                    after503 = true;
                } else if (r.statusCode() >= 500) {
                    answers.serverErrors.add(path + " " + r.statusCode() + " " + r.body());
                } else {
                    assertThat(r.statusCode()).as(r.body()).isIn(created, 200);
                    if (after503 && (r.statusCode() == 200 || r.body().contains("\"duplicate\""))) {
                        answers.storedAfter503.incrementAndGet();
                    }
                    return;
                }
                Thread.sleep(500);
            } catch (IOException refused) {
                sleep();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** PostgreSQL on {@code dir} and {@code port}, durable as in production; the same data after a restart. */
    private static EmbeddedPostgres database(Path dir, int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(dir.toFile()).setCleanDataDirectory(false).setPort(port)
                .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "100").start();
    }

    private static Thread start(Runnable r) {
        Thread t = new Thread(r);
        t.start();
        return t;
    }
}
