package io.aftersaleshub.schedule;

import static io.aftersaleshub.support.HubFixtures.EM300;
import static io.aftersaleshub.support.HubFixtures.EM500;
import static io.aftersaleshub.support.HubFixtures.GR20;
import static io.aftersaleshub.support.HubFixtures.offer;
import static io.aftersaleshub.support.GreenMailPeer.subject;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
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
 * The WARRANTY_EXPIRING moment end to end on real PostgreSQL, Artemis and GreenMail: the daily job emits
 * {@code warranty.expiring} 30 days before the standard warranty (the model's length, from the purchase
 * date) ends, unless the owner has a warranty plan for the unit; the decide step offers the extension and
 * the owner gets the warranty e-mail. Two job instances at once and a re-run make each event once; a
 * missed day is caught up.
 */
@TestPropertySource(properties = {"hub.schedule.page-size=3"})
class WarrantyExpiringIT extends MomentIntegrationTest {

    @Autowired
    DailyJob job;
    @Autowired
    ApplicationContext context;

    @Test
    void thirtyDaysBeforeTheModelsWarrantyEndsTheOwnerWithoutAPlanIsOfferedTheExtension() throws Exception {
        String espresso = "WE" + run + "-1";
        String grinder = "WG" + run + "-1";
        String covered = "WC" + run + "-1";
        String longer = "WL" + run + "-1";
        it.catalogueWith(EM300 + ":" + espresso, GR20 + ":" + grinder, EM300 + ":" + covered, EM500 + ":" + longer);
        String ana = "ana-" + run + "@example.test";
        String gus = "gus-" + run + "@example.test";
        String cat = "cat-" + run + "@example.test";
        String lea = "lea-" + run + "@example.test";
        // EM-300: 24 months, GR-20: 12 months, EM-500: 36 months — the first two end on 9 September 2026
        UUID anaId = it.owned(EM300, espresso, ana, "Ana", true, LocalDate.parse("2024-09-09"), instant("2024-09-10"));
        it.owned(GR20, grinder, gus, "Gus", true, LocalDate.parse("2025-09-09"), instant("2025-09-10"));
        it.owned(EM300, covered, cat, "Cat", true, LocalDate.parse("2024-09-09"), instant("2024-09-10"));
        it.owned(EM500, longer, lea, "Lea", true, LocalDate.parse("2024-09-09"), instant("2024-09-10"));
        assertThat(hub.post("/api/purchases", Map.of("ownerEmail", cat, "sku", "WX-ESP-2Y", "orderRef", "W-" + run,
                "amount", 79.00, "currency", "EUR", "purchasedAt", "2024-09-09T12:00:00Z", "source", "shop")).status()).isEqualTo(201);
        clock.set("2026-08-10T03:00:00Z");

        HubClient.Answer a = hub.post("/api/ops/daily-job?date=2026-08-10", "");

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body().get("warrantyNotices").asInt()).isEqualTo(2);
        assertThat(a.body().get("anniversaries").asInt()).isZero();
        Map<String, Object> esp = it.awaitDecisions(EM300, espresso, 1).get(0);
        assertThat(esp).containsEntry("moment", "WARRANTY_EXPIRING").containsEntry("ruleName", "Espresso: extension before warranty ends");
        assertThat(offer(esp)).containsEntry("sku", "WX-ESP-2Y").containsEntry("discountPercent", 25);
        Map<String, Object> grd = it.awaitDecisions(GR20, grinder, 1).get(0);
        assertThat(grd).containsEntry("ruleName", "Grinder: extension before warranty ends");
        assertThat(offer(grd)).containsEntry("sku", "WX-GRD-1Y");
        var mail = inbox.awaitMailTo(ana, 1).get(0);
        assertThat(subject(mail)).isEqualTo("Your EM-300 warranty ends soon: 2-year warranty extension (espresso machines)");
        assertThat(GreenMailUtil.getBody(mail)).contains("Hello Ana").contains("serial " + espresso).contains("25 % off until");
        assertThat(subject(inbox.awaitMailTo(gus, 1).get(0))).isEqualTo("Your GR-20 warranty ends soon: 1-year warranty extension (grinders)");

        Map<String, Object> event = jdbc.sql("""
                        SELECT source, source_event_id, attributes ->> 'warrantyEndsOn' AS ends, attributes ->> 'daysLeft' AS left_days
                        FROM hub_event WHERE serial = ?""").param(espresso).query().singleRow();
        assertThat(event).containsEntry("source", "hub.schedule")
                .containsEntry("source_event_id", "warranty-expiring:" + it.unitId(EM300, espresso) + ":" + anaId + ":2026-09-09")
                .containsEntry("ends", "2026-09-09").containsEntry("left_days", "30");
        // a warranty plan owned, or a longer warranty: no event, no decision, no e-mail
        assertThat(jdbc.sql("SELECT count(*) FROM hub_event WHERE serial IN (?, ?)").params(covered, longer).query(Long.class).single())
                .isZero();
        it.assertMailCountStays(0, cat, lea);
    }

    @Test
    void twoJobInstancesAtOnceAndASecondRunOfTheSameDayMakeEachNoticeOnce() throws Exception {
        LocalDate day = LocalDate.parse("2026-06-01");
        List<String> serials = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            serials.add("WT" + run + "-" + i);
            emails.add("twin" + i + "-" + run + "@example.test");
        }
        it.catalogueWith(serials.stream().map(s -> EM300 + ":" + s).toArray(String[]::new));
        for (int i = 0; i < 4; i++) {
            it.owned(EM300, serials.get(i), emails.get(i), "Twin " + i, true, LocalDate.parse("2024-07-01"), instant("2024-07-02"));
        }
        clock.set("2026-06-01T02:30:00Z");

        List<DailyJobRun> runs = TwoNodes.runTogether(context, day);

        assertThat(runs.get(0).warrantyNotices() + runs.get(1).warrantyNotices()).isEqualTo(4);
        assertThat(runs).allSatisfy(r -> assertThat(r.warrantyNotices() + r.alreadyMade()).isEqualTo(4));
        DailyJobRun again = job.run(day);
        assertThat(again.warrantyNotices()).isZero();
        assertThat(again.alreadyMade()).isEqualTo(4);
        assertThat(jdbc.sql("SELECT count(*) FROM hub_event WHERE type = 'warranty.expiring' AND serial LIKE ?")
                .param("WT" + run + "-%").query(Long.class).single()).isEqualTo(4);
        for (int i = 0; i < 4; i++) {
            assertThat(it.awaitDecisions(EM300, serials.get(i), 1)).hasSize(1);
            assertThat(subject(inbox.awaitMailTo(emails.get(i), 1).get(0))).startsWith("Your EM-300 warranty ends soon");
        }
        it.assertMailCountStays(1, emails.toArray(String[]::new));
    }

    @Test
    void aMissedDaysNoticeIsMadeOnTheNextStartWithTheDaysItWasDueFor() throws Exception {
        String serial = "WM" + run + "-1";
        String email = "max-" + run + "@example.test";
        it.catalogueWith(GR20 + ":" + serial);
        // GR-20: 12 months from 11 November 2025, so the notice is due on 12 October 2026
        it.owned(GR20, serial, email, "Max", true, LocalDate.parse("2025-11-11"), instant("2025-11-12"));
        jdbc.sql("INSERT INTO daily_job_day (day, completed_at, scanned, anniversaries, warranty_notices) "
                + "VALUES ('2026-10-10', '2026-10-10T02:00:05Z', 0, 0, 0)").update();
        clock.set("2026-10-13T05:00:00Z");

        List<DailyJobRun> runs = job.catchUp();

        assertThat(runs).extracting(DailyJobRun::day).containsExactly(
                LocalDate.parse("2026-10-11"), LocalDate.parse("2026-10-12"), LocalDate.parse("2026-10-13"));
        assertThat(runs).extracting(DailyJobRun::warrantyNotices).containsExactly(0, 1, 0);
        Map<String, Object> event = jdbc.sql("""
                        SELECT occurred_at, attributes ->> 'daysLeft' AS left_days FROM hub_event WHERE serial = ?""")
                .param(serial).query().singleRow();
        assertThat(((java.sql.Timestamp) event.get("occurred_at")).toInstant()).isEqualTo(instant("2026-10-12"));
        assertThat(event).containsEntry("left_days", "30");
        assertThat(offer(it.awaitDecisions(GR20, serial, 1).get(0))).containsEntry("sku", "WX-GRD-1Y");
        assertThat(subject(inbox.awaitMailTo(email, 1).get(0))).isEqualTo("Your GR-20 warranty ends soon: 1-year warranty extension (grinders)");
        assertThat(job.catchUp()).isEmpty();
    }

    private static java.time.Instant instant(String day) {
        return LocalDate.parse(day).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
