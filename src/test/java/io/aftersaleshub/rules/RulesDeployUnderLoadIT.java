package io.aftersaleshub.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.aftersaleshub.support.HubClient;
import io.aftersaleshub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Uploads while events flow (a few hundred per second, in batches of 20 every 20 ms): a broken workbook costs no
 * decision, a good one switches the version from one batch to the next. The pause is measured as the
 * largest gap between consecutive decision times ({@code decision.decided_at}) while the good upload runs,
 * printed next to the largest gap before any upload.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"hub.demo-data=true"})
class RulesDeployUnderLoadIT extends HubIntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(RulesDeployUnderLoadIT.class);

    @DynamicPropertySource
    static void mailbox(DynamicPropertyRegistry registry) {
        devMailboxOnAFreePort(registry);
    }

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aBrokenUploadCostsNoDecisionAndAGoodOneSwitchesBetweenBatches() throws Exception {
        HubClient hub = new HubClient(rest);
        String v1 = String.valueOf(hub.list("/api/rules/versions").get(0).get("version"));
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger sent = new AtomicInteger();
        List<String> postErrors = new ArrayList<>();
        Thread load = new Thread(() -> {
            while (running.get()) {
                StringBuilder batch = new StringBuilder("[");
                for (int i = 0; i < 20; i++) {
                    int n = sent.incrementAndGet();
                    batch.append(i == 0 ? "" : ",").append("""
                            {"type": "parts.viewed", "source": "load", "sourceEventId": "load-%d",
                             "occurredAt": "2026-11-20T10:00:00Z", "gtin": "04098765000300", "serial": "EM300-0000%d",
                             "attributes": {}}""".formatted(n, 1 + n % 5));
                }
                var r = hub.post("/api/events", batch.append("]").toString());
                if (r.status() != 202) {
                    postErrors.add(r.status() + " " + r.body());
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "load");
        load.start();
        Thread.sleep(1500);
        Instant brokenAt = Instant.now();
        String age = Workbooks.cell(Workbooks.WARRANTY_ROW, "Min age (days)");
        var broken = keyed(rest).postForEntity("/api/rules", Workbooks.upload("offers.drl.xlsx",
                Workbooks.withCells(Workbooks.shipped(), age, "1OO"), Workbooks.shippedCases()), String.class);
        assertThat(broken.getStatusCode().value()).isEqualTo(422);
        assertThat(broken.getBody()).contains("\"cell\":\"" + age + "\"", "unitAgeDays must be a whole number, not '1OO'");
        Thread.sleep(500);
        Instant goodAt = Instant.now();
        var good = keyed(rest).postForEntity("/api/rules", Workbooks.upload("offers.drl.xlsx",
                Workbooks.withCells(Workbooks.shipped(), Workbooks.cell("Espresso: care kit on the parts page", "Discount %"), "12"), Workbooks.shippedCases()), String.class);
        Instant goodDone = Instant.now();
        assertThat(good.getStatusCode().value()).as(good.getBody()).isEqualTo(201);
        Thread.sleep(1500);
        running.set(false);
        load.join();

        assertThat(postErrors).isEmpty();
        int events = sent.get();
        await().atMost(Duration.ofSeconds(30)).until(() -> decided() == events);
        assertThat(jdbc.sql("SELECT count(*) FROM hub_event WHERE source = 'load' AND status <> 'DECIDED'")
                .query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("SELECT DISTINCT d.rules_version FROM decision d JOIN hub_event e ON e.id = d.event_id "
                + "WHERE e.source = 'load' ORDER BY 1").query(String.class).list()).hasSize(2).contains(v1);

        long baseline = maxGapMillis(brokenAt.minusMillis(1000), brokenAt);
        long duringBroken = maxGapMillis(brokenAt, goodAt);
        long duringGood = maxGapMillis(goodAt, goodDone.plusMillis(200));
        log.info("RULES DEPLOY PAUSE: {} events; good upload took {} ms; largest gap between consecutive decisions: "
                        + "{} ms before any upload, {} ms during the broken upload, {} ms during the good upload",
                events, Duration.between(goodAt, goodDone).toMillis(), baseline, duringBroken, duringGood);
        assertThat(duringGood).as("decisions kept flowing during the good upload").isLessThan(2000);
    }

    private int decided() {
        return jdbc.sql("SELECT count(*) FROM decision d JOIN hub_event e ON e.id = d.event_id WHERE e.source = 'load'")
                .query(Integer.class).single();
    }

    private long maxGapMillis(Instant from, Instant to) {
        List<Instant> times = jdbc.sql("SELECT DISTINCT decided_at FROM decision WHERE decided_at BETWEEN ? AND ? ORDER BY 1")
                .params(java.sql.Timestamp.from(from), java.sql.Timestamp.from(to))
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).list();
        long max = 0;
        Instant prev = from;
        for (Instant t : times) {
            max = Math.max(max, Duration.between(prev, t).toMillis());
            prev = t;
        }
        return Math.max(max, Duration.between(prev, to).toMillis());
    }
}
