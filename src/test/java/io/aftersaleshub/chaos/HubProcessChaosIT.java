package io.aftersaleshub.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Faults against the packaged hub as a separate process (embedded PostgreSQL and Artemis, an SMTP server in
 * this test): a SIGTERM under load and a {@code kill -9} mid-send. Counted by unique keys: registrations
 * acknowledged vs. registrations and e-mails recorded by the hub vs. mails the SMTP server received (by the
 * hub's idempotency key header). Slow (it starts the jar several times): run with {@code ./mvnw -Pchaos verify}.
 */
class HubProcessChaosIT {

    private static final Logger log = LoggerFactory.getLogger(HubProcessChaosIT.class);
    private static final String GTIN = "04098765000300"; // EM-300 of the demo catalogue: offers an e-mailed warranty plan
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<HubProcess> hubs = new ArrayList<>();
    private final List<GreenMail> mailServers = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        hubs.forEach(HubProcess::cleanUp);
        mailServers.forEach(GreenMail::stop);
    }

    @Test
    void sigtermUnderLoadFinishesInFlightRequestsLosesNothingAndSendsNoMailTwice() throws Exception {
        int smtpPort = FreePort.find();
        GreenMail smtp = smtp(smtpPort);
        HubProcess hub = hub("sigterm", smtpPort);
        hub.start(Map.of());
        int units = 400;
        uploadUnits(hub, "SIGTERM", units);

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        List<String> serverErrors = new CopyOnWriteArrayList<>();
        AtomicInteger next = new AtomicInteger();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            Thread t = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < units; i = next.getAndIncrement()) {
                    String serial = serial("SIGTERM", i);
                    try {
                        var r = hub.post("/api/registrations", registration(serial));
                        if (r.statusCode() == 200 || r.statusCode() == 201) {
                            acknowledged.add(serial);
                        } else if (r.statusCode() >= 500) {
                            serverErrors.add(serial + " " + r.statusCode() + " " + r.body());
                        }
                    } catch (IOException refused) {
                        // the hub stopped listening: not acknowledged, so nothing is owed for it
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            t.start();
            clients.add(t);
        }
        while (acknowledged.size() < 40) {
            Thread.sleep(20);
        }
        Duration stop = hub.terminate(Duration.ofSeconds(60));
        for (Thread t : clients) {
            t.join(60_000);
        }
        int sentBeforeStop = smtp.getReceivedMessages().length;
        log.info("SIGTERM under load: {} registrations acknowledged, {} mails sent before the stop, stop took {} ms",
                acknowledged.size(), sentBeforeStop, stop.toMillis());
        assertThat(serverErrors).as("requests in flight at SIGTERM finish, none answers 5xx").isEmpty();
        assertThat(stop).as("stop time").isLessThan(Duration.ofSeconds(30));

        hub.start(Map.of());
        Map<String, Integer> mails = awaitEmailsSent(hub, smtp, acknowledged, Duration.ofSeconds(90));
        log.info("after the restart: {} acknowledged, {} e-mail actions SENT, {} mails received, {} distinct",
                acknowledged.size(), acknowledged.size(), smtp.getReceivedMessages().length, mails.size());
        assertThat(mails.values()).as("no mail twice").allMatch(n -> n == 1);
        hub.terminate(Duration.ofSeconds(60));
    }

    @Test
    void anActionClaimedByAKilledHubIsSentWithinSecondsOfTheRestartAndOnlyOnce() throws Exception {
        // an SMTP server that accepts the connection and never answers: the send hangs with its claim held
        try (ServerSocket blackHole = new ServerSocket(0)) {
            List<Socket> accepted = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(blackHole.accept());
                    }
                } catch (IOException closed) {
                    // test over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();

            HubProcess hub = hub("kill9", blackHole.getLocalPort());
            hub.start(Map.of());
            uploadUnits(hub, "KILL", 1);
            String serial = serial("KILL", 0);
            assertThat(hub.post("/api/registrations", registration(serial)).statusCode()).isEqualTo(201);
            long waitedFor = System.nanoTime();
            while (accepted.isEmpty()) {
                assertThat(System.nanoTime() - waitedFor).as("the hub connects to SMTP").isLessThan(Duration.ofSeconds(30).toNanos());
                Thread.sleep(20);
            }
            Thread.sleep(500);
            JsonNode action = emailAction(hub, serial);
            assertThat(action.get("status").asText()).isEqualTo("PENDING");
            assertThat(action.get("attempts").asInt()).as("claimed by the sender now hanging on SMTP").isEqualTo(1);
            hub.kill();

            int smtpPort = FreePort.find();
            GreenMail smtp = smtp(smtpPort);
            Duration startup = hub.start(Map.of("SMTP_PORT", String.valueOf(smtpPort)));
            long healthy = System.nanoTime();
            while (smtp.getReceivedMessages().length == 0) {
                assertThat(Duration.ofNanos(System.nanoTime() - healthy)).as("the dead claimer's mail moves on within seconds")
                        .isLessThan(Duration.ofSeconds(20));
                Thread.sleep(50);
            }
            Duration delivered = Duration.ofNanos(System.nanoTime() - healthy);
            log.info("kill -9 mid-send: restart took {} ms, the claimed mail went out {} ms after the hub was healthy",
                    startup.toMillis(), delivered.toMillis());
            Thread.sleep(3000); // a second copy, if any, would go out now
            assertThat(smtp.getReceivedMessages()).hasSize(1);
            assertThat(emailAction(hub, serial).get("status").asText()).isEqualTo("SENT");
            hub.terminate(Duration.ofSeconds(60));
        }
    }

    private HubProcess hub(String name, int smtpPort) throws IOException {
        Path dir = Files.createTempDirectory("hub-chaos-").resolve(name);
        Map<String, String> env = new HashMap<>();
        env.put("SMTP_HOST", "127.0.0.1");
        env.put("SMTP_PORT", String.valueOf(smtpPort));
        env.put("SMTP_STARTTLS", "false");
        // every registration e-mailed: a held-out owner (10 % by default, by a hash of a random owner id) gets none
        env.put("HUB_OFFER_HOLDOUT_SHARE", "0");
        HubProcess hub = new HubProcess(dir, env);
        hubs.add(hub);
        return hub;
    }

    private GreenMail smtp(int port) {
        GreenMail smtp = ChaosLoad.smtp(port);
        mailServers.add(smtp);
        return smtp;
    }

    /** Waits until every acknowledged registration's e-mail is SENT; returns mails received per idempotency key. */
    private Map<String, Integer> awaitEmailsSent(HubProcess hub, GreenMail smtp, Set<String> serials, Duration atMost)
            throws Exception {
        long t0 = System.nanoTime();
        for (String serial : serials) {
            while (true) {
                JsonNode decisions = JSON.readTree(hub.get("/api/units/" + GTIN + "/" + serial + "/decisions").body());
                assertThat(decisions).as("one decision for acknowledged %s", serial).hasSize(1);
                JsonNode action = decisions.get(0).get("actions").get(0);
                if ("SENT".equals(action.get("status").asText())) {
                    break;
                }
                assertThat(System.nanoTime() - t0).as("%s e-mail %s", serial, action).isLessThan(atMost.toNanos());
                Thread.sleep(100);
            }
        }
        Map<String, Integer> byKey = new HashMap<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            byKey.merge(m.getHeader("X-Hub-Idempotency-Key")[0], 1, Integer::sum);
        }
        assertThat(byKey.size()).as("a mail for each acknowledged registration").isGreaterThanOrEqualTo(serials.size());
        return byKey;
    }

    private static JsonNode emailAction(HubProcess hub, String serial) throws Exception {
        JsonNode decisions = JSON.readTree(hub.get("/api/units/" + GTIN + "/" + serial + "/decisions").body());
        return decisions.get(0).get("actions").get(0);
    }

    private static void uploadUnits(HubProcess hub, String run, int n) throws Exception {
        ChaosLoad.uploadUnits(hub, GTIN, run, n);
    }

    private static String serial(String run, int i) {
        return ChaosLoad.serial(run, i);
    }

    private static String registration(String serial) {
        return ChaosLoad.registration(GTIN, serial);
    }
}
