package io.aftersaleshub.offer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftersaleshub.support.HubClient;
import org.junit.jupiter.api.Test;

/**
 * The synchronous offer API on real PostgreSQL and Artemis, e-mail through the dev SMTP server: it decides
 * in the request and records the decision like an asynchronous one (event, decision, e-mail action with the
 * redeem link), and answers calls within the window with the same decision, also when they come at once.
 */
class OfferApiIT extends OfferApiTestBase {

    @Test
    void thePartsPageGetsAnOfferDecidedNowAndRecordedLikeAnyOtherDecision() throws Exception {
        String serial = run + "-0";
        String email = "ana-" + run.toLowerCase() + "@example.test";
        register(hub, EM300, serial, email, true);

        HubClient.Answer a = hub.get(offerPath(EM300, serial));

        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body().at("/offer/sku").asText()).isEqualTo("KIT-ESP-CARE");
        assertThat(a.body().at("/offer/name").asText()).isEqualTo("Espresso care kit (gasket + descaler)");
        assertThat(a.body().get("reason").asText()).startsWith("rule matched");
        String decisionId = a.body().get("decisionId").asText();
        String token = a.body().get("offerToken").asText();
        assertThat(token).matches("[A-Za-z0-9_-]{60,}");

        // recorded like an asynchronous decision: its event, its decision, its e-mail action
        Map<String, Object> event = jdbc.sql("SELECT e.type, e.source, e.status, e.owner_email FROM hub_event e "
                + "JOIN decision d ON d.event_id = e.id WHERE d.id = CAST(? AS uuid)").param(decisionId).query().singleRow();
        assertThat(event).containsEntry("type", "parts.viewed").containsEntry("source", "hub.offer-api")
                .containsEntry("status", "DECIDED").containsEntry("owner_email", email);
        List<Map<String, Object>> decisions = hub.list("/api/units/" + EM300 + "/" + serial + "/decisions");
        assertThat(decisions).extracting(d -> d.get("moment")).containsExactly("REGISTRATION", "PARTS_VIEWED");
        Map<String, Object> parts = decisions.get(1);
        assertThat(parts).containsEntry("decisionId", decisionId);
        assertThat(((Map<?, ?>) parts.get("offer")).get("sku")).isEqualTo("KIT-ESP-CARE");
        assertThat(parts.get("reason")).isEqualTo(a.body().get("reason").asText());

        JsonNode mail = await().atMost(Duration.ofSeconds(15)).until(() -> mailTo(email, "Keep your EM-300 in shape"), m -> m != null);
        assertThat(mail.get("subject").asText()).isEqualTo("Keep your EM-300 in shape: Espresso care kit (gasket + descaler)");
        assertThat(mail.get("body").asText()).contains("Redeem your offer: https://shop.example.test/api/offers/redeem/" + token)
                .contains("Offer reference: " + decisionId);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                hub.list("/api/units/" + EM300 + "/" + serial + "/decisions").get(1).get("actions").toString())
                .contains("SENT"));
    }

    @Test
    void callsWithinTheWindowGetTheSameDecisionAlsoWhenTheyComeAtOnce() throws Exception {
        String serial = run + "-1";
        register(hub, GR40, serial, "ben-" + run.toLowerCase() + "@example.test", false);

        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<HubClient.Answer> answers = new ArrayList<>();
        try {
            List<Callable<HubClient.Answer>> calls = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                calls.add(() -> hub.get(offerPath(GR40, serial)));
            }
            for (Future<HubClient.Answer> f : pool.invokeAll(calls)) {
                answers.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        clock.advance(Duration.ofMinutes(9));
        answers.add(hub.get(offerPath(GR40, serial)));

        Set<JsonNode> distinct = new HashSet<>();
        for (HubClient.Answer a : answers) {
            assertThat(a.status()).isEqualTo(200);
            distinct.add(a.body());
        }
        assertThat(distinct).as("every answer is the same decision with the same token").hasSize(1);
        JsonNode answer = distinct.iterator().next();
        assertThat(answer.at("/offer/sku").asText()).isEqualTo("PART-BURR-GR");
        assertThat(answer.get("reason").asText()).endsWith("no e-mail: owner gave no marketing consent");
        assertThat(partsDecisions(GR40, serial)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM hub_event WHERE source = 'hub.offer-api' AND gtin = ? AND serial = ?")
                .params(GR40, serial).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void afterTheWindowTheNextCallMakesANewDecision() {
        String serial = run + "-2";
        register(hub, EM300, serial, "cleo-" + run.toLowerCase() + "@example.test", false);

        String first = hub.get(offerPath(EM300, serial)).body().get("decisionId").asText();
        clock.advance(Duration.ofMinutes(9).plusSeconds(50));
        String inside = hub.get(offerPath(EM300, serial)).body().get("decisionId").asText();
        clock.advance(Duration.ofSeconds(15));
        String after = hub.get(offerPath(EM300, serial)).body().get("decisionId").asText();
        String again = hub.get(offerPath(EM300, serial)).body().get("decisionId").asText();

        assertThat(inside).isEqualTo(first);
        assertThat(after).isNotEqualTo(first);
        assertThat(again).isEqualTo(after);
        assertThat(partsDecisions(EM300, serial)).isEqualTo(2);
    }

    @Test
    void aDecisionThisNodeDidNotMakeIsAnsweredFromTheDatabaseNotMadeAgain() {
        String serial = run + "-3";
        String email = "dan-" + run.toLowerCase() + "@example.test";
        register(hub, EM300, serial, email, false);
        // the parts page event from another system (or the offer API on another node) decided first
        HubClient.Answer posted = hub.post("/api/events", Map.of("type", "parts.viewed", "source", "web",
                "sourceEventId", "pv-" + run, "occurredAt", Instant.now().toString(), "gtin", EM300, "serial", serial,
                "ownerEmail", email, "attributes", Map.of()));
        assertThat(posted.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> partsDecisions(EM300, serial) == 1);
        String asynchronous = jdbc.sql("SELECT d.id::text FROM decision d JOIN hub_event e ON e.id = d.event_id "
                + "WHERE e.source = 'web' AND e.source_event_id = ?").param("pv-" + run).query(String.class).single();

        HubClient.Answer a = hub.get(offerPath(EM300, serial));

        assertThat(a.body().get("decisionId").asText()).isEqualTo(asynchronous);
        assertThat(a.body().get("offerToken").asText()).isNotBlank();
        assertThat(partsDecisions(EM300, serial)).isEqualTo(1);
    }

    @Test
    void aSecondPartsPageEventInsideTheWindowIsRecordedWithoutASecondOffer() {
        String serial = run + "-4";
        String email = "eve-" + run.toLowerCase() + "@example.test";
        register(hub, EM300, serial, email, false);
        for (String id : new String[] {"pv-a-" + run, "pv-b-" + run}) {
            assertThat(hub.post("/api/events", Map.of("type", "parts.viewed", "source", "web", "sourceEventId", id,
                    "occurredAt", Instant.now().toString(), "gtin", EM300, "serial", serial, "ownerEmail", email,
                    "attributes", Map.of())).status()).isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> partsDecisions(EM300, serial) == 2);
        List<String> outcomes = jdbc.sql("SELECT coalesce(d.offer_sku, '-') || ' ' || d.reason FROM decision d "
                        + "JOIN hub_event e ON e.id = d.event_id WHERE e.source = 'web' AND e.source_event_id LIKE ? ORDER BY e.source_event_id")
                .param("pv-_-" + run).query(String.class).list();
        assertThat(outcomes.get(0)).startsWith("KIT-ESP-CARE ");
        assertThat(outcomes.get(1)).startsWith("- the parts page was decided for this owner and unit within PT10M (decision ");
    }

    @Test
    void anUnknownUnitIs404AndAUnitWithoutOwner422() {
        HubClient.Answer unknown = hub.get(offerPath(EM300, "NO-SUCH-" + run));
        HubClient.Answer unowned = hub.get(offerPath(EM300, run + "-7"));

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().at("/errors/0/field").asText()).isEqualTo("serial");
        assertThat(unknown.body().at("/errors/0/reason").asText()).isEqualTo("no unit with this GTIN and serial is known");
        assertThat(unowned.status()).isEqualTo(422);
        assertThat(unowned.body().at("/errors/0/reason").asText()).contains("no registered owner");
        assertThat(partsDecisions(EM300, run + "-7")).isZero();
    }

    @Test
    void missingOrInvalidParametersAre400NamingEachOne() {
        HubClient.Answer none = hub.get("/api/offers");
        HubClient.Answer badGtin = hub.get("/api/offers?gtin=04098765000301&serial=" + run + "-4&moment=PARTS_VIEWED");
        HubClient.Answer unknownMoment = hub.get("/api/offers?gtin=" + EM300 + "&serial=" + run + "-4&moment=BIRTHDAY");
        HubClient.Answer otherTrigger = hub.get("/api/offers?gtin=" + EM300 + "&serial=" + run + "-4&moment=REGISTRATION");

        assertThat(none.status()).isEqualTo(400);
        assertThat(none.body().get("errors").findValuesAsText("field")).containsExactly("gtin", "serial", "moment");
        assertThat(badGtin.status()).isEqualTo(400);
        assertThat(badGtin.body().get("errors").findValuesAsText("field")).containsExactly("gtin");
        assertThat(badGtin.body().at("/errors/0/reason").asText()).isEqualTo("check digit must be 0");
        for (HubClient.Answer a : List.of(unknownMoment, otherTrigger)) {
            assertThat(a.status()).isEqualTo(400);
            assertThat(a.body().at("/errors/0/field").asText()).isEqualTo("moment");
            assertThat(a.body().at("/errors/0/reason").asText())
                    .isEqualTo("is not a moment the offer API decides; allowed: PARTS_VIEWED");
        }
    }

    int partsDecisions(String gtin, String serial) {
        return jdbc.sql("SELECT count(*) FROM decision d JOIN unit u ON u.id = d.unit_id "
                + "WHERE u.gtin = ? AND u.serial = ? AND d.moment = 'PARTS_VIEWED'").params(gtin, serial).query(Integer.class).single();
    }

    /** The dev mailbox's first e-mail to this address whose subject starts so, or null. */
    JsonNode mailTo(String email, String subjectStart) {
        for (JsonNode m : hub.get("/api/dev/mailbox").body()) {
            if (m.get("to").asText().equals(email) && m.get("subject").asText().startsWith(subjectStart)) {
                return m;
            }
        }
        return null;
    }
}
