package io.aftersaleshub.event;

import static io.aftersaleshub.support.HubFixtures.EM300;
import static io.aftersaleshub.support.HubFixtures.GR20;
import static io.aftersaleshub.support.HubFixtures.offer;
import static io.aftersaleshub.support.GreenMailPeer.subject;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.aftersaleshub.support.HubClient;
import io.aftersaleshub.support.HubFixtures;
import io.aftersaleshub.support.MomentIntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * The SUPPORT_CLOSED moment end to end on real PostgreSQL, Artemis and GreenMail: a closed case's
 * category chooses the offer and its e-mail; a case is one event and one decision whatever event ids
 * its source sends; a close without case id or category is refused by name.
 */
class SupportClosedIT extends MomentIntegrationTest {

    @Test
    void theClosedCasesCategoryChoosesTheOfferAndItsEmail() throws Exception {
        String[][] cases = {
                {"descaling", "PART-DESCALER", "Espresso: descaler after a descaling case", "Descaler 2 x 250 ml for your EM-300"},
                {"leak", "PART-GASKET-EM", "Espresso: gasket after a leak", "Group head gasket for your EM-300"},
                {"milk-system", "ACC-MILK-JUG", "Espresso: milk jug after a milk-system case",
                        "Stainless milk jug 600 ml (steam-wand models) for your EM-300"},
                {"other", "KIT-ESP-CARE", "Espresso: care kit after any other case", "Espresso care kit (gasket + descaler) for your EM-300"}};
        List<String> units = new ArrayList<>();
        for (int i = 0; i < cases.length; i++) {
            units.add(EM300 + ":S" + run + "-" + i);
        }
        units.add(GR20 + ":G" + run);
        it.catalogueWith(units.toArray(String[]::new));
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < cases.length; i++) {
            it.owned(EM300, "S" + run + "-" + i, email(i), "Owner " + i, true, LocalDate.parse("2025-06-01"), Instant.parse("2025-06-02T10:00:00Z"));
            events.add(caseClosed("crm", "ev-" + run + "-" + i, EM300, "S" + run + "-" + i, run + "-" + i, cases[i][0]));
        }
        it.owned(GR20, "G" + run, "gina-" + run + "@example.test", "Gina", true, LocalDate.parse("2025-06-01"), Instant.parse("2025-06-02T10:00:00Z"));
        events.add(caseClosed("crm", "ev-" + run + "-g", GR20, "G" + run, run + "-g", "leak"));

        HubClient.Answer a = hub.post("/api/events", events);

        assertThat(a.status()).isEqualTo(202);
        a.body().forEach(r -> assertThat(r.get("status").asText()).isEqualTo("accepted"));
        for (int i = 0; i < cases.length; i++) {
            Map<String, Object> d = it.awaitDecisions(EM300, "S" + run + "-" + i, 1).get(0);
            assertThat(d).containsEntry("moment", "SUPPORT_CLOSED").containsEntry("ruleName", cases[i][2]);
            assertThat(offer(d)).containsEntry("sku", cases[i][1]);
            var mail = inbox.awaitMailTo(email(i), 1).get(0);
            assertThat(subject(mail)).isEqualTo(cases[i][3]);
            assertThat(GreenMailUtil.getBody(mail)).contains("we are glad your support case is resolved").contains(cases[i][1]);
        }
        // the demo table has no grinder offer for a leak
        Map<String, Object> grinder = it.awaitDecisions(GR20, "G" + run, 1).get(0);
        assertThat(grinder).containsEntry("moment", "SUPPORT_CLOSED").containsEntry("offer", null);
        it.assertMailCountStays(1, email(0), email(1), email(2), email(3));
        it.assertMailCountStays(0, "gina-" + run + "@example.test");
    }

    @Test
    void aCaseIsOneEventAndOneDecisionWhateverEventIdsItArrivesWith() throws Exception {
        String serial = "D" + run;
        String other = "E" + run;
        it.catalogueWith(EM300 + ":" + serial, EM300 + ":" + other);
        it.owned(EM300, serial, email(7), "Dora", true, LocalDate.parse("2025-06-01"), Instant.parse("2025-06-02T10:00:00Z"));
        it.owned(EM300, other, email(8), "Emil", true, LocalDate.parse("2025-06-01"), Instant.parse("2025-06-02T10:00:00Z"));

        HubClient.Answer first = hub.post("/api/events", caseClosed("crm", "close-1-" + run, EM300, serial, "C-" + run, "descaling"));
        // the case closed again (reopened and closed, or sent by a second flow of the CRM), and in one batch with a new case
        HubClient.Answer again = hub.post("/api/events", caseClosed("crm", "close-2-" + run, EM300, serial, "C-" + run, "leak"));
        HubClient.Answer batch = hub.post("/api/events", List.of(
                caseClosed("crm", "close-3-" + run, EM300, serial, "C-" + run, "descaling"),
                caseClosed("crm", "close-4-" + run, EM300, other, "C2-" + run, "leak"),
                caseClosed("crm", "close-5-" + run, EM300, other, "C2-" + run, "leak")));

        String firstId = first.body().get(0).get("eventId").asText();
        assertThat(first.body().get(0).get("status").asText()).isEqualTo("accepted");
        assertThat(again.body().get(0).get("status").asText()).isEqualTo("duplicate");
        assertThat(again.body().get(0).get("eventId").asText()).isEqualTo(firstId);
        assertThat(again.body().get(0).get("sourceEventId").asText()).isEqualTo("close-2-" + run);
        assertThat(statuses(batch)).containsExactly("duplicate", "accepted", "duplicate");
        assertThat(batch.body().get(0).get("eventId").asText()).isEqualTo(firstId);
        assertThat(batch.body().get(2).get("eventId")).isEqualTo(batch.body().get(1).get("eventId"));

        assertThat(offer(it.awaitDecisions(EM300, serial, 1).get(0))).containsEntry("sku", "PART-DESCALER");
        assertThat(offer(it.awaitDecisions(EM300, other, 1).get(0))).containsEntry("sku", "PART-GASKET-EM");
        it.assertMailCountStays(1, email(7), email(8));
        assertThat(it.decisions(EM300, serial)).hasSize(1);
        assertThat(jdbc.sql("SELECT count(*) FROM hub_event WHERE serial IN (?, ?)").params(serial, other).query(Long.class).single())
                .isEqualTo(2);
    }

    @Test
    void aCloseWithoutCaseIdOrCategoryIsRefusedByNameAndStoresNothing() {
        Map<String, Object> noCategory = Map.of("type", "support.case_closed", "source", "crm", "sourceEventId", "nc-" + run,
                "occurredAt", "2026-11-20T10:15:30Z", "gtin", EM300, "serial", "X" + run,
                "attributes", Map.of("caseId", "N-" + run, "category", " "));
        Map<String, Object> noCase = Map.of("type", "support.case_closed", "source", "crm", "sourceEventId", "nk-" + run,
                "occurredAt", "2026-11-20T10:15:30Z", "gtin", EM300, "serial", "X" + run,
                "attributes", Map.of("caseId", Map.of("id", 1), "category", "leak"));
        Map<String, Object> noAttributes = Map.of("type", "support.case_closed", "source", "crm", "sourceEventId", "na-" + run,
                "occurredAt", "2026-11-20T10:15:30Z", "gtin", EM300, "serial", "X" + run);

        HubClient.Answer a = hub.post("/api/events", List.of(noCategory, noCase, noAttributes));

        assertThat(a.status()).isEqualTo(400);
        List<String> problems = new ArrayList<>();
        a.body().get("errors").forEach(e -> problems.add(e.get("field").asText() + " " + e.get("reason").asText()));
        assertThat(problems).containsExactly("[0].attributes.category is required for support.case_closed",
                "[1].attributes.caseId must be a string or a whole number",
                "[2].attributes must hold caseId and category for support.case_closed");
        assertThat(jdbc.sql("SELECT count(*) FROM hub_event WHERE serial = ?").param("X" + run).query(Long.class).single()).isZero();
    }

    private String email(int i) {
        return "owner" + i + "-" + run + "@example.test";
    }

    private static Map<String, Object> caseClosed(String source, String sourceEventId, String gtin, String serial, String caseId,
                                                  String category) {
        return Map.of("type", "support.case_closed", "source", source, "sourceEventId", sourceEventId,
                "occurredAt", "2026-11-20T10:15:30Z", "gtin", gtin, "serial", serial,
                "attributes", Map.of("caseId", caseId, "category", category, "resolution", "resolved"));
    }

    private static List<String> statuses(HubClient.Answer a) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : a.body()) {
            out.add(r.get("status").asText());
        }
        return out;
    }
}
