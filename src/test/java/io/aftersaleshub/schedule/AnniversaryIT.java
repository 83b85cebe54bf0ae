package io.aftersaleshub.schedule;

import static io.aftersaleshub.support.HubFixtures.EM100;
import static io.aftersaleshub.support.HubFixtures.EM300;
import static io.aftersaleshub.support.HubFixtures.offer;
import static io.aftersaleshub.support.GreenMailPeer.subject;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMailUtil;
import io.aftersaleshub.support.HubClient;
import io.aftersaleshub.support.HubFixtures;
import io.aftersaleshub.support.MomentIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The ANNIVERSARY moment end to end on real PostgreSQL, Artemis and GreenMail: the daily job (paging two
 * ownerships at a time here) emits {@code ownership.anniversary} for the N-th year of the current
 * ownership, the decide step offers what the demo table says, the owner gets the anniversary e-mail.
 * Two job instances at once and a second run of the day make each event once; missed days are caught up.
 */
@TestPropertySource(properties = {"hub.schedule.page-size=2"})
class AnniversaryIT extends MomentIntegrationTest {

    @Autowired
    DailyJob job;
    @Autowired
    ApplicationContext context;

    @Test
    void theFirstOwnersAnniversaryCountsFromThePurchaseDateAndOffersTheUpgrade() throws Exception {
        String serial = "AN" + run + "-1";
        String email = "ana-" + run + "@example.test";
        it.catalogueWith(EM100 + ":" + serial);
        UUID owner = it.owned(EM100, serial, email, "Ana", true, LocalDate.parse("2025-10-05"), Instant.parse("2025-10-07T10:00:00Z"));
        clock.set("2026-10-05T03:00:00Z");

        HubClient.Answer a = hub.post("/api/ops/daily-job?date=2026-10-05", "");

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body().get("day").asText()).isEqualTo("2026-10-05");
        assertThat(a.body().get("anniversaries").asInt()).isEqualTo(1);
        assertThat(a.body().get("warrantyNotices").asInt()).isZero();
        assertThat(a.body().get("alreadyMade").asInt()).isZero();
        Map<String, Object> decision = it.awaitDecisions(EM100, serial, 1).get(0);
        assertThat(decision).containsEntry("moment", "ANNIVERSARY").containsEntry("ruleName", "Espresso EM-100: upgrade after a year");
        assertThat(offer(decision)).containsEntry("sku", "UPG-EM-300").containsEntry("type", "UPGRADE");
        var mail = inbox.awaitMailTo(email, 1).get(0);
        assertThat(subject(mail)).isEqualTo("Another year with your EM-100: Trade-in upgrade to the EM-300");
        assertThat(GreenMailUtil.getBody(mail)).contains("Hello Ana").contains("UPG-EM-300");
        Map<String, Object> event = jdbc.sql("""
                        SELECT type, source, source_event_id, owner_email, attributes ->> 'year' AS year, occurred_at
                        FROM hub_event WHERE gtin = ? AND serial = ?""").params(EM100, serial).query().singleRow();
        assertThat(event).containsEntry("type", "ownership.anniversary").containsEntry("source", "hub.schedule")
                .containsEntry("source_event_id", "anniversary:" + it.unitId(EM100, serial) + ":" + owner + ":1")
                .containsEntry("owner_email", email).containsEntry("year", "1");
        // the day before and after make nothing for this unit
        assertThat(hub.post("/api/ops/daily-job?date=2026-10-04", "").body().get("anniversaries").asInt()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM hub_event WHERE serial = ?").param(serial).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void twoJobInstancesAtOnceAndASecondRunOfTheSameDayMakeEachAnniversaryOnce() throws Exception {
        LocalDate day = LocalDate.parse("2026-09-14");
        List<String> serials = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            serials.add("AT" + run + "-" + i);
        }
        it.catalogueWith(serials.stream().map(s -> EM300 + ":" + s).toArray(String[]::new));
        for (int i = 0; i < 5; i++) {
            // three in their first year of ownership, two in their second
            LocalDate bought = i < 3 ? LocalDate.parse("2025-09-14") : LocalDate.parse("2024-09-14");
            it.owned(EM300, serials.get(i), "twin" + i + "-" + run + "@example.test", "Twin " + i, true, bought,
                    bought.plusDays(2).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
        }
        clock.set("2026-09-14T03:00:00Z");

        List<DailyJobRun> runs = TwoNodes.runTogether(context, day);

        assertThat(runs.get(0).anniversaries() + runs.get(1).anniversaries()).isEqualTo(5);
        assertThat(runs).allSatisfy(r -> {
            assertThat(r.anniversaries() + r.alreadyMade()).isEqualTo(5);
            assertThat(r.pages()).isGreaterThanOrEqualTo(3); // 5+ ownerships, 2 a page
        });
        DailyJobRun again = job.run(day);
        assertThat(again.anniversaries()).isZero();
        assertThat(again.alreadyMade()).isEqualTo(5);

        List<String> years = jdbc.sql("""
                        SELECT attributes ->> 'year' FROM hub_event
                        WHERE source = 'hub.schedule' AND type = 'ownership.anniversary' AND serial LIKE ? ORDER BY serial""")
                .param("AT" + run + "-%").query(String.class).list();
        assertThat(years).containsExactly("1", "1", "1", "2", "2");
        for (int i = 0; i < 5; i++) {
            List<Map<String, Object>> decisions = it.awaitDecisions(EM300, serials.get(i), 1);
            assertThat(decisions).hasSize(1);
            // the demo table: a care kit in the first year, the EM-500 upgrade from two years of age
            assertThat(decisions.get(0)).containsEntry("ruleName",
                    i < 3 ? "Espresso: care kit at an anniversary" : "Espresso EM-300: upgrade after two years");
            assertThat(offer(decisions.get(0))).containsEntry("sku", i < 3 ? "KIT-ESP-CARE" : "UPG-EM-500");
            inbox.awaitMailTo("twin" + i + "-" + run + "@example.test", 1);
        }
        it.assertMailCountStays(1, java.util.stream.IntStream.range(0, 5).mapToObj(i -> "twin" + i + "-" + run + "@example.test")
                .toArray(String[]::new));
    }

    @Test
    void missedDaysAreCaughtUpAndTodayRunsOnceItsTimeHasCome() throws Exception {
        String[] serials = {"AM" + run + "-18", "AM" + run + "-19", "AM" + run + "-20"};
        it.catalogueWith(EM100 + ":" + serials[0], EM100 + ":" + serials[1], EM100 + ":" + serials[2]);
        for (int i = 0; i < 3; i++) {
            LocalDate bought = LocalDate.parse("2025-11-18").plusDays(i);
            it.owned(EM100, serials[i], "late" + i + "-" + run + "@example.test", "Late " + i, true, bought,
                    bought.atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
        }
        // the last day a hub completed; then no hub ran until 20 November, 01:00 UTC
        jdbc.sql("INSERT INTO daily_job_day (day, completed_at, scanned, anniversaries, warranty_notices) "
                + "VALUES ('2026-11-17', '2026-11-17T02:00:05Z', 0, 0, 0)").update();
        clock.set("2026-11-20T01:00:00Z");

        List<DailyJobRun> caughtUp = job.catchUp();

        // before 02:00 UTC today is not due yet
        assertThat(caughtUp).extracting(DailyJobRun::day)
                .containsExactly(LocalDate.parse("2026-11-18"), LocalDate.parse("2026-11-19"));
        assertThat(caughtUp).extracting(DailyJobRun::anniversaries).containsExactly(1, 1);
        assertThat(offer(it.awaitDecisions(EM100, serials[0], 1).get(0))).containsEntry("sku", "UPG-EM-300");
        assertThat(offer(it.awaitDecisions(EM100, serials[1], 1).get(0))).containsEntry("sku", "UPG-EM-300");
        assertThat(it.decisions(EM100, serials[2])).isEmpty();

        clock.set("2026-11-20T02:00:00Z");
        List<DailyJobRun> today = job.catchUp();
        assertThat(today).extracting(DailyJobRun::day).containsExactly(LocalDate.parse("2026-11-20"));
        assertThat(today.get(0).anniversaries()).isEqualTo(1);
        assertThat(it.awaitDecisions(EM100, serials[2], 1)).hasSize(1);
        assertThat(job.catchUp()).isEmpty();
        assertThat(jdbc.sql("SELECT max(day) FROM daily_job_day").query(LocalDate.class).single()).isEqualTo("2026-11-20");
        for (int i = 0; i < 3; i++) {
            assertThat(subject(inbox.awaitMailTo("late" + i + "-" + run + "@example.test", 1).get(0)))
                    .isEqualTo("Another year with your EM-100: Trade-in upgrade to the EM-300");
        }
    }

    @Test
    void aDayInTheFutureOrNotADateIsRefusedByName() {
        clock.set("2026-10-01T12:00:00Z");
        HubClient.Answer future = hub.post("/api/ops/daily-job?date=2026-10-02", "");
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.body().at("/errors/0/field").asText()).isEqualTo("date");
        HubClient.Answer bad = hub.post("/api/ops/daily-job?date=tomorrow", "");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().at("/errors/0/field").asText()).isEqualTo("date");
    }
}
