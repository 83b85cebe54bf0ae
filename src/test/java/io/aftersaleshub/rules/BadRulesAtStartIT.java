package io.aftersaleshub.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.aftersaleshub.support.HubClient;
import io.aftersaleshub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A bad workbook never stops the hub: with a refused workbook in the folder and no good version stored, it
 * starts with no rules (every decision: no offer, version "none") and shows the refusal; with a good stored
 * version it serves that one; and an upload then brings offers back without a restart.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"hub.demo-data=true"})
class BadRulesAtStartIT extends HubIntegrationTest {

    static Path folder;

    @DynamicPropertySource
    static void rulesFolder(DynamicPropertyRegistry registry) throws IOException {
        folder = Files.createTempDirectory("hub-bad-rules-");
        Files.write(folder.resolve("offers.drl.xlsx"), Workbooks.withCells(Workbooks.shipped(), Workbooks.cell(Workbooks.WARRANTY_ROW, "Moment"), "REGISTRATON"));
        Files.copy(Path.of("rules/offers.cases.csv"), folder.resolve("offers.cases.csv"));
        registry.add("hub.rules.dir", folder::toString);
        devMailboxOnAFreePort(registry);
    }

    @Autowired
    TestRestTemplate rest;
    @Autowired
    WorkbookLoader loader;
    @Autowired
    RuleSetCheck check;
    @Autowired
    RuleVersions versions;

    @Test
    void theHubStartsWithNoRulesShowsTheRefusalAndAnUploadBringsOffersBack() throws IOException {
        HubClient hub = new HubClient(rest);
        List<Map<String, Object>> list = hub.list("/api/rules/versions");
        assertThat(list).hasSize(1);
        assertThat(list.get(0)).containsEntry("status", "REFUSED").containsEntry("uploadedBy", "rules folder");
        assertThat(list.get(0).get("errors").toString()).contains("cell=" + Workbooks.cell(Workbooks.WARRANTY_ROW, "Moment"),
                "unknown moment 'REGISTRATON' (did you mean 'REGISTRATION'?)");

        var none = register(hub, "EM300-00001");
        assertThat(none.body().get("offer").isNull()).isTrue();
        assertThat(hub.get("/api/units/04098765000300/EM300-00001/decisions").body().get(0).get("rulesVersion").asText())
                .isEqualTo("none");

        var up = keyed(rest).postForEntity("/api/rules", Workbooks.upload("offers.drl.xlsx", Workbooks.shipped(), Workbooks.shippedCases()),
                String.class);
        assertThat(up.getStatusCode().value()).as(up.getBody()).isEqualTo(201);
        assertThat(register(hub, "EM300-00002").body().at("/offer/sku").asText()).isEqualTo("WX-ESP-2Y");

        // a restart now (a new ActiveRuleSet over the same database and the same bad folder) serves the stored version
        ActiveRuleSet restarted = new ActiveRuleSet(loader, check, versions);
        assertThat(restarted.current().version()).isEqualTo(String.valueOf(versions.activeVersion().orElseThrow()));
        assertThat(restarted.current().ruleNames()).contains("Espresso: warranty extension at registration");
    }

    private static HubClient.Answer register(HubClient hub, String serial) {
        var r = hub.post("/api/registrations", """
                {"gtin": "04098765000300", "serial": "%s", "purchaseDate": "2026-11-20", "channel": "web",
                 "owner": {"email": "%s@example.com", "name": "A", "country": "DE", "marketingConsent": false}}"""
                .formatted(serial, serial.toLowerCase()));
        assertThat(r.status()).as(r.body().toString()).isEqualTo(201);
        return r;
    }
}
