package io.aftersaleshub.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftersaleshub.support.HubClient;
import io.aftersaleshub.support.HubIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Analysts' rule lifecycle on a running hub: the folder's workbook is version 1 at start; a bad upload is
 * refused at its cell and changes nothing; a good one serves the next decision; rolling back restores the
 * previous decisions; a workbook saved into the folder is deployed (or refused) the same way.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // one owner meets several moments here: the frequency cap, tested in GuardrailsIT, would hide the rules
        "hub.offers.cap.max-offers=1000",
        "hub.demo-data=true", "hub.rules.poll=300ms"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RulesLifecycleIT extends HubIntegrationTest {

    static Path folder;

    @DynamicPropertySource
    static void rulesFolder(DynamicPropertyRegistry registry) throws IOException {
        folder = Files.createTempDirectory("hub-rules-");
        Files.copy(Path.of("rules/offers.drl.xlsx"), folder.resolve("offers.drl.xlsx"));
        Files.copy(Path.of("rules/offers.cases.csv"), folder.resolve("offers.cases.csv"));
        registry.add("hub.rules.dir", folder::toString);
        devMailboxOnAFreePort(registry);
    }

    @Autowired
    TestRestTemplate rest;
    HubClient hub;
    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void client() {
        hub = new HubClient(rest);
    }

    private JsonNode upload(String name, byte[] workbook, String cases, int expectedStatus) throws IOException {
        ResponseEntity<String> r = keyed(rest).postForEntity("/api/rules", Workbooks.upload(name, workbook, cases), String.class);
        assertThat(r.getStatusCode().value()).as(r.getBody()).isEqualTo(expectedStatus);
        return json.readTree(r.getBody());
    }

    private long activeVersion() {
        return hub.list("/api/rules/versions").stream().filter(v -> "ACTIVE".equals(v.get("status")))
                .mapToLong(v -> ((Number) v.get("version")).longValue()).findFirst().orElse(-1);
    }

    /** Registers a demo EM-300 unit and answers the discount of its warranty offer and the rules version recorded. */
    private Object[] register(String serial) {
        var r = hub.post("/api/registrations", """
                {"gtin": "04098765000300", "serial": "%s", "purchaseDate": "2026-11-20", "channel": "web",
                 "owner": {"email": "%s@example.com", "name": "A", "country": "DE", "marketingConsent": false}}"""
                .formatted(serial, serial.toLowerCase()));
        assertThat(r.status()).as(r.body().toString()).isEqualTo(201);
        assertThat(r.body().at("/offer/sku").asText()).isEqualTo("WX-ESP-2Y");
        var decisions = hub.get("/api/units/04098765000300/" + serial + "/decisions").body();
        return new Object[] {r.body().at("/offer/discountPercent").asInt(), decisions.get(0).get("rulesVersion").asText()};
    }

    @Test
    @Order(1)
    void theFoldersWorkbookIsTheFirstVersionAndDecisionsRecordIt() {
        List<Map<String, Object>> versions = hub.list("/api/rules/versions");
        assertThat(versions).hasSize(1);
        assertThat(versions.get(0)).containsEntry("status", "ACTIVE").containsEntry("uploadedBy", "rules folder")
                .containsEntry("source", "folder").containsEntry("workbooks", List.of("offers.drl.xlsx"));
        assertThat((String) versions.get(0).get("sha256")).hasSize(64);
        assertThat(register("EM300-00001")).containsExactly(20, String.valueOf(activeVersion()));
    }

    @Test
    @Order(2)
    void aTypoIsRefusedAtItsCellAndTheActiveVersionKeepsServing() throws IOException {
        long before = activeVersion();
        String model = Workbooks.cell("Espresso EM-100: 54 mm tamper", "Model");
        JsonNode problem = upload("offers.drl.xlsx", Workbooks.withCells(Workbooks.shipped(), model, "EM-1000"),
                Workbooks.shippedCases(), 422);

        assertThat(problem.get("errors")).hasSize(1);
        assertThat(json.convertValue(problem.get("errors").get(0), Map.class)).isEqualTo(Map.of("workbook", "offers.drl.xlsx",
                "sheet", "Offers", "cell", model, "message", "unknown model 'EM-1000' (did you mean 'EM-100'?)"));
        assertThat(problem.get("detail").asText()).contains("offers.drl.xlsx › Offers › " + model + ": unknown model 'EM-1000'");
        long refused = problem.get("version").asLong();
        assertThat(hub.list("/api/rules/versions")).anySatisfy(v -> assertThat(v)
                .containsEntry("version", (int) refused).containsEntry("status", "REFUSED"));
        assertThat(activeVersion()).isEqualTo(before);

        JsonNode misnamed = upload("offers.xlsx", Workbooks.shipped(), Workbooks.shippedCases(), 422);
        assertThat(misnamed.at("/errors/0/message").asText()).startsWith("the file name must end in .drl.xlsx");

        var activate = hub.post("/api/rules/versions/" + refused + "/activate", "{}");
        assertThat(activate.status()).isEqualTo(409);
        assertThat(activeVersion()).isEqualTo(before);
    }

    @Test
    @Order(3)
    void aFailingCaseNamesItsLineAndTheRowThatWon() throws IOException {
        // line 2 expects the warranty extension: make it expect the milk jug instead
        String shipped = Workbooks.shippedCases();
        String line2 = shipped.lines().skip(1).findFirst().orElseThrow();
        assertThat(line2).startsWith("espresso registration offers the warranty extension first,").contains(",WX-ESP-2Y,");
        String cases = shipped.replace(line2, line2.replace(",WX-ESP-2Y,", ",ACC-MILK-JUG,"));
        JsonNode problem = upload("offers.drl.xlsx", Workbooks.shipped(), cases, 422);
        assertThat(problem.at("/errors/0/workbook").asText()).isEqualTo("offers.cases.csv");
        assertThat(problem.at("/errors/0/cell").asText()).isEqualTo("line 2");
        assertThat(problem.at("/errors/0/message").asText()).isEqualTo("(espresso registration offers the warranty extension first): "
                + "expected ACC-MILK-JUG from row 'Espresso: warranty extension at registration' but got WX-ESP-2Y from row "
                + "'Espresso: warranty extension at registration' at offers.drl.xlsx › Offers › "
                + Workbooks.cell(Workbooks.WARRANTY_ROW, "Name"));
    }

    @Test
    @Order(4)
    void aGoodUploadServesTheNextDecisionAndRollingBackRestoresThePreviousOnes() throws IOException {
        long v1 = activeVersion();
        byte[] changed = Workbooks.withCells(Workbooks.shipped(), Workbooks.cell(Workbooks.WARRANTY_ROW, "Discount %"), "35");
        JsonNode deployed = upload("offers.drl.xlsx", changed, Workbooks.shippedCases(), 201);
        long v2 = deployed.get("version").asLong();
        assertThat(deployed.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(deployed.get("warnings")).isEmpty();
        assertThat(register("EM300-00002")).containsExactly(35, String.valueOf(v2));

        JsonNode diff = hub.get("/api/rules/versions/" + v2 + "/diff?against=" + v1).body();
        assertThat(diff.get("added")).isEmpty();
        assertThat(diff.get("removed")).isEmpty();
        assertThat(json.convertValue(diff.get("changed"), List.class)).isEqualTo(List.of(Map.of(
                "row", "Espresso: warranty extension at registration",
                "cells", List.of(Map.of("column", "Discount %", "from", "20", "to", "35")))));
        assertThat(keyed(rest).getForObject("/api/rules/versions/" + v2 + "/workbook", byte[].class)).isEqualTo(changed);

        var rollback = hub.post("/api/rules/versions/" + v1 + "/activate", "{}");
        assertThat(rollback.status()).isEqualTo(200);
        assertThat(activeVersion()).isEqualTo(v1);
        assertThat(register("EM300-00003")).containsExactly(20, String.valueOf(v1));
    }

    @Test
    @Order(5)
    void aWorkbookSavedIntoTheFolderIsDeployedOrRefusedTheSameWay() throws IOException {
        long before = activeVersion();
        Path tmp = folder.resolve("offers.drl.xlsx.tmp");
        Files.write(tmp, Workbooks.withCells(Workbooks.shipped(), Workbooks.cell(Workbooks.WARRANTY_ROW, "Discount %"), "30"));
        Files.move(tmp, folder.resolve("offers.drl.xlsx"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        await().atMost(Duration.ofSeconds(20)).until(() -> activeVersion() > before);
        assertThat(hub.list("/api/rules/versions").get(0)).containsEntry("uploadedBy", "rules folder")
                .containsEntry("status", "ACTIVE");
        assertThat(register("EM300-00004")).containsExactly(30, String.valueOf(activeVersion()));

        long good = activeVersion();
        String flag = Workbooks.cell(Workbooks.WARRANTY_ROW, "Warranty active");
        Files.write(tmp, Workbooks.withCells(Workbooks.shipped(), flag, "ture"));
        Files.move(tmp, folder.resolve("offers.drl.xlsx"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        await().atMost(Duration.ofSeconds(20)).until(() -> "REFUSED".equals(hub.list("/api/rules/versions").get(0).get("status")));
        Map<String, Object> refused = hub.list("/api/rules/versions").get(0);
        assertThat(refused.get("errors").toString()).contains("cell=" + flag, "must be true or false, not 'ture' (did you mean 'true'?)");
        assertThat(activeVersion()).isEqualTo(good);
    }

    @Test
    @Order(6)
    void simulationOverARecordedHistoryReportsExactlyTheChangedDecisionsAndRecordsNothing() throws Exception {
        long active = activeVersion();
        byte[] candidate = Workbooks.withCells(keyed(rest).getForObject("/api/rules/versions/" + active + "/workbook", byte[].class),
                Workbooks.cell("Espresso: descaler after a descaling case", "Offer SKU"), "KIT-ESP-CARE");
        String[][] history = {
                {"support.case_closed", "EM300-00001", "{\"caseId\": \"sim-1\", \"category\": \"descaling\"}"},
                {"support.case_closed", "EM300-00001", "{\"caseId\": \"sim-2\", \"category\": \"leak\"}"},
                {"parts.viewed", "EM300-00002", "{}"},
                {"registration.completed", "EM300-00005", "{}"}};
        for (int i = 0; i < history.length; i++) {
            var r = hub.post("/api/events", """
                    [{"type": "%s", "source": "sim-test", "sourceEventId": "h-%d", "occurredAt": "2026-10-01T10:0%d:00Z",
                      "gtin": "04098765000300", "serial": "%s", "attributes": %s}]""".formatted(history[i][0], i, i, history[i][1],
                    history[i][2]));
            assertThat(r.status()).isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> hub.get("/api/units/04098765000300/EM300-00001/decisions").body().size() == 3);
        int decisionsBefore = hub.get("/api/units/04098765000300/EM300-00001/decisions").body().size();

        var parts = new org.springframework.util.LinkedMultiValueMap<String, Object>();
        parts.putAll(Workbooks.upload("offers.drl.xlsx", candidate, null).getBody());
        parts.add("from", "2026-10-01T00:00:00Z");
        parts.add("to", "2026-10-02T00:00:00Z");
        var range = keyed(rest).postForEntity("/api/rules/simulate", new org.springframework.http.HttpEntity<>(parts,
                Workbooks.upload("x.drl.xlsx", candidate, null).getHeaders()), String.class);
        assertThat(range.getStatusCode().value()).as(range.getBody()).isEqualTo(200);
        JsonNode report = json.readTree(range.getBody());
        assertThat(report.get("events").asInt()).isEqualTo(4);
        assertThat(report.get("changed").asInt()).isEqualTo(1);
        assertThat(json.convertValue(report.get("changedByMoment"), Map.class)).isEqualTo(Map.of("SUPPORT_CLOSED", 1));
        assertThat(json.convertValue(report.get("changedByOffer"), Map.class)).isEqualTo(Map.of("PART-DESCALER → KIT-ESP-CARE", 1));
        JsonNode changed = report.get("outcomes").get(0);
        assertThat(changed.get("changed").asBoolean()).isTrue();
        assertThat(changed.at("/active/rule").asText()).isEqualTo("Espresso: descaler after a descaling case");
        assertThat(changed.at("/candidate/sku").asText()).isEqualTo("KIT-ESP-CARE");
        assertThat(report.get("outcomes").get(3).at("/active/reason").asText()).isEqualTo("unit has no registered owner");

        parts = new org.springframework.util.LinkedMultiValueMap<>();
        parts.putAll(Workbooks.upload("offers.drl.xlsx", candidate, null).getBody());
        parts.add("facts", "[{\"moment\": \"SUPPORT_CLOSED\", \"productLine\": \"espresso\", \"modelCode\": \"EM-300\","
                + " \"caseCategory\": \"descaling\", \"supportResolution\": \"resolved\", \"ownedSkus\": [\"KIT-ESP-CARE\"]}]");
        var byFacts = keyed(rest).postForEntity("/api/rules/simulate", new org.springframework.http.HttpEntity<>(parts,
                Workbooks.upload("x.drl.xlsx", candidate, null).getHeaders()), String.class);
        JsonNode factsReport = json.readTree(byFacts.getBody());
        assertThat(factsReport.at("/outcomes/0/active/sku").asText()).as(byFacts.getBody()).isEqualTo("PART-DESCALER");
        assertThat(factsReport.at("/outcomes/0/candidate/sku").isNull()).isTrue();

        assertThat(hub.get("/api/units/04098765000300/EM300-00001/decisions").body().size()).isEqualTo(decisionsBefore);
        assertThat(activeVersion()).isEqualTo(active);
    }
}
