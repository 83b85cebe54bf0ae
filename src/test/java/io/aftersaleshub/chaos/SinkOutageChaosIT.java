package io.aftersaleshub.chaos;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.util.GreenMail;
import io.aftersaleshub.support.FreePort;
import io.aftersaleshub.support.HubProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SMTP server and the marketing tool's webhook endpoint both go away for a while (their servers stopped, so
 * connections are refused) while the packaged hub decides a stream of events, then come back on the same ports.
 * Every e-mail and every campaign action is delivered later, by the broker's redeliveries with back-off, none
 * twice: counted by unique keys in the database and at each peer (mails by {@code X-Hub-Idempotency-Key}, webhook
 * calls by {@code Idempotency-Key}). The redelivery budget is set (documented variables) to outlast the outage.
 */
class SinkOutageChaosIT {

    private static final Logger log = LoggerFactory.getLogger(SinkOutageChaosIT.class);
    private static final String GTIN = "04098765000300";
    private static final int EVENTS = 4_000;
    private static final int BATCH = 100;
    private static final int OWNED_UNITS = 100;
    private static final int DOWN_AFTER_EVENTS = 600;
    private static final Duration OUTAGE = Duration.ofSeconds(15);

    private HubProcess hub;
    private final List<GreenMail> smtps = new ArrayList<>();
    private final List<WireMockServer> tools = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        if (hub != null) {
            hub.cleanUp();
        }
        smtps.forEach(GreenMail::stop);
        tools.forEach(WireMockServer::stop);
    }

    @Test
    void mailsAndCampaignActionsWaitOutThePeersOutageAndArriveOnce() throws Exception {
        int smtpPort = FreePort.find();
        int toolPort = FreePort.find();
        GreenMail smtp = smtp(smtpPort);
        WireMockServer tool = tool(toolPort);
        Map<String, String> env = ChaosLoad.streamEnvironment(smtpPort);
        env.put("HUB_MARKETING_WEBHOOK_URL", "http://127.0.0.1:" + toolPort + "/campaign-actions");
        env.put("HUB_MARKETING_WEBHOOK_SECRET", "sink-outage-chaos-webhook-secret");
        // a redelivery budget longer than the outage: 0.5 + 1 + 2 + 4 s, then every 5 s, 12 redeliveries (~50 s)
        env.put("HUB_MAX_REDELIVERIES", "12");
        env.put("HUB_MAX_REDELIVERY_DELAY", "5s");
        hub = new HubProcess(Files.createTempDirectory("hub-chaos-").resolve("sinks"), env);
        hub.start(Map.of());
        ChaosLoad.uploadUnits(hub, GTIN, "SK", OWNED_UNITS);
        for (int i = 0; i < OWNED_UNITS; i++) {
            assertThat(hub.post("/api/registrations", ChaosLoad.registration(GTIN, ChaosLoad.serial("SK", i))).statusCode())
                    .isEqualTo(201);
        }

        AtomicInteger acknowledged = new AtomicInteger();
        Thread client = new Thread(() -> {
            try {
                for (int b = 0; b < EVENTS / BATCH; b++) {
                    var r = hub.post("/api/events", ChaosLoad.eventBatch(GTIN, "SK", OWNED_UNITS, b, BATCH));
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
                    acknowledged.addAndGet(BATCH);
                    Thread.sleep(500); // a steady stream (~20 s), so that events keep arriving during and after the outage
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        client.start();
        while (acknowledged.get() < DOWN_AFTER_EVENTS) {
            Thread.sleep(5);
        }
        // the SMTP service alone is stopped (port closed, connections cut): the mails it took stay readable
        smtp.getSmtp().stopService();
        tool.stop();
        int mailsBefore = smtp.getReceivedMessages().length;
        int callsBefore = tool.getAllServeEvents().size();
        Thread.sleep(OUTAGE.toMillis());
        int acknowledgedDuringOutage = acknowledged.get() - DOWN_AFTER_EVENTS;
        smtp(smtpPort);
        tool(toolPort);
        client.join(120_000);
        assertThat(acknowledged.get()).isEqualTo(EVENTS);

        ChaosCounts counts = ChaosCounts.awaitSettled(hub::database, Duration.ofMinutes(3));
        Set<String> webhookSent;
        int webhookActions;
        int failed;
        try (Connection db = hub.database()) {
            webhookSent = keys(db, "SELECT idempotency_key FROM outbound_action WHERE channel = 'marketing-webhook' AND status = 'SENT'");
            webhookActions = ChaosCounts.count(db, "SELECT count(*) FROM outbound_action WHERE channel = 'marketing-webhook'");
            failed = ChaosCounts.count(db, "SELECT count(*) FROM outbound_action WHERE status = 'FAILED'");
        }
        Map<String, Integer> mails = new HashMap<>();
        for (GreenMail s : smtps) {
            ChaosCounts.mailsByKey(s).forEach((k, n) -> mails.merge(k, n, Integer::sum));
        }
        // the hub's webhook Idempotency-Key is the action id; the database's idempotency key is channel:decision
        Map<String, Integer> calls = new HashMap<>();
        for (WireMockServer t : tools) {
            for (var served : t.getAllServeEvents()) { // kept by a stopped WireMock too
                LoggedRequest r = served.getRequest();
                calls.merge(r.getHeader("Idempotency-Key"), 1, Integer::sum);
            }
        }
        Set<String> webhookSentIds = actionIds(webhookSent);
        Set<String> mailsMissing = counts.missingAt(mails);
        Set<String> callsMissing = new HashSet<>(webhookSentIds);
        callsMissing.removeAll(calls.keySet());
        log.info("FAULT SMTP and webhook peer down {} s mid-stream: events {} ({} acknowledged during the outage); "
                        + "e-mail actions {}, SENT {}, mails {} (before the outage {}), distinct {}, missing {}, twice {}; "
                        + "webhook actions {}, SENT {}, calls {} (before the outage {}), distinct {}, missing {}, twice {}; FAILED {}",
                OUTAGE.toSeconds(), counts.streamEvents(), acknowledgedDuringOutage, counts.actions(), counts.sentKeys().size(),
                mails.values().stream().mapToInt(Integer::intValue).sum(), mailsBefore, mails.size(), mailsMissing.size(),
                ChaosCounts.keysTwice(mails).size(), webhookActions, webhookSent.size(),
                calls.values().stream().mapToInt(Integer::intValue).sum(), callsBefore, calls.size(), callsMissing.size(),
                ChaosCounts.keysTwice(calls).size(), failed);

        assertThat(counts.streamEvents()).isEqualTo(EVENTS);
        assertThat(counts.undecided()).isZero();
        assertThat(acknowledgedDuringOutage).as("events kept coming during the outage").isPositive();
        assertThat(failed).as("actions parked as FAILED").isZero();
        assertThat(counts.sentKeys()).as("every e-mail action sent").hasSize(counts.actions());
        assertThat(mailsMissing).as("e-mails missing at SMTP").isEmpty();
        assertThat(ChaosCounts.keysTwice(mails)).as("e-mails twice").isEmpty();
        assertThat(webhookActions).as("a campaign action per offer").isEqualTo(counts.actions());
        assertThat(webhookSent).as("every campaign action sent").hasSize(webhookActions);
        assertThat(callsMissing).as("campaign actions missing at the peer").isEmpty();
        // a call the peer took just as it stopped, whose answer never came back, is sent again with the same
        // Idempotency-Key (the peer drops the repeat): at most one per webhook consumer (4)
        assertThat(ChaosCounts.keysTwice(calls).size()).as("campaign actions twice").isLessThanOrEqualTo(4);
        hub.terminate(Duration.ofSeconds(60));
    }

    /** The action ids of the webhook actions with these idempotency keys (the webhook's Idempotency-Key). */
    private Set<String> actionIds(Set<String> idempotencyKeys) throws Exception {
        Set<String> ids = new HashSet<>();
        try (Connection db = hub.database();
             var s = db.prepareStatement("SELECT id::text FROM outbound_action WHERE idempotency_key = ANY (?)")) {
            s.setArray(1, db.createArrayOf("text", idempotencyKeys.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    private static Set<String> keys(Connection db, String sql) throws Exception {
        Set<String> out = new HashSet<>();
        try (ResultSet rs = db.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private GreenMail smtp(int port) {
        GreenMail smtp = ChaosLoad.smtp(port);
        smtps.add(smtp);
        return smtp;
    }

    private WireMockServer tool(int port) {
        WireMockServer tool = new WireMockServer(options().port(port).bindAddress("127.0.0.1"));
        tool.stubFor(post(urlEqualTo("/campaign-actions")).willReturn(aResponse().withStatus(202)));
        tool.start();
        tools.add(tool);
        return tool;
    }
}
