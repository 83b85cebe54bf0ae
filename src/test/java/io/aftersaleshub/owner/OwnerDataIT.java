package io.aftersaleshub.owner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftersaleshub.support.HubClient;
import io.aftersaleshub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An owner's data under the GDPR: the export holds everything the hub keeps about them (owner, ownership
 * with its unit, purchase, decisions with offers, the e-mail action, the events naming their address);
 * erasure leaves nothing personal anywhere (the export and every table are searched for the name and the
 * address) while every count stays as it was; erasing twice is fine; an unknown owner is 404.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OwnerDataIT extends HubIntegrationTest {

    @DynamicPropertySource
    static void mailbox(DynamicPropertyRegistry registry) {
        devMailboxOnAFreePort(registry);
    }

    static final String EMAIL = "zelda.quillfeather@example.test";
    static final String NAME = "Zelda Quillfeather";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcClient jdbc;

    @Test
    void exportShowsEverythingErasureLeavesNothingPersonalAndKeepsTheFigures() {
        HubClient hub = new HubClient(rest);
        HubClient.Answer registered = hub.post("/api/registrations", Map.of("gtin", "04098765000300", "serial", "EM300-00003",
                "purchaseDate", LocalDate.now(ZoneOffset.UTC).toString(), "channel", "web",
                "owner", Map.of("email", EMAIL, "name", NAME, "country", "DE", "marketingConsent", true)));
        assertThat(registered.status()).isEqualTo(201);
        String ownerId = registered.body().get("ownerId").asText();
        assertThat(hub.post("/api/purchases", Map.of("ownerEmail", EMAIL, "sku", "ACC-TAMPER-54", "orderRef", "SHOP-GDPR-1",
                "amount", 19.90, "currency", "EUR", "purchasedAt", "2026-10-01T09:00:00Z", "source", "shop")).status()).isEqualTo(201);
        assertThat(hub.post("/api/events", Map.of("type", "parts.viewed", "source", "shop", "sourceEventId", "gdpr-view-1",
                "occurredAt", "2026-11-20T10:00:00Z", "gtin", "04098765000300", "serial", "EM300-00003",
                "ownerEmail", EMAIL, "attributes", Map.of())).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<Map<String, Object>> decisions = hub.list("/api/units/04098765000300/EM300-00003/decisions");
            assertThat(decisions).hasSize(2);
            assertThat(decisions).flatExtracting(d -> (List<?>) d.get("actions"))
                    .allSatisfy(a -> assertThat(((Map<?, ?>) a).get("status")).isEqualTo("SENT"));
        });

        JsonNode export = hub.get("/api/owners/" + ownerId + "/export").body();
        assertThat(export.at("/owner/email").asText()).isEqualTo(EMAIL);
        assertThat(export.at("/owner/name").asText()).isEqualTo(NAME);
        assertThat(export.at("/owner/marketingConsent").asBoolean()).isTrue();
        assertThat(export.at("/owner/consentChangedAt").isNull()).isFalse();
        assertThat(export.at("/ownerships/0/unit/serial").asText()).isEqualTo("EM300-00003");
        assertThat(export.at("/ownerships/0/channel").asText()).isEqualTo("web");
        assertThat(export.at("/purchases/0/orderRef").asText()).isEqualTo("SHOP-GDPR-1");
        assertThat(export.get("decisions")).hasSize(2);
        assertThat(export.get("decisions").findValuesAsText("offerSku")).contains("WX-ESP-2Y");
        assertThat(export.get("actions")).isNotEmpty();
        assertThat(export.at("/actions/0/payload/to").asText()).isEqualTo(EMAIL);
        assertThat(export.at("/actions/0/status").asText()).isEqualTo("SENT");
        assertThat(export.get("events").findValuesAsText("sourceEventId")).contains("gdpr-view-1");
        assertThat(export.get("events").findValuesAsText("ownerEmail")).allMatch(EMAIL::equals);
        Map<String, Integer> before = counts();

        assertThat(hub.delete("/api/owners/" + ownerId).status()).isEqualTo(204);

        JsonNode erased = hub.get("/api/owners/" + ownerId + "/export").body();
        assertThat(erased.at("/owner/email").asText()).isEqualTo("erased-" + ownerId + "@invalid");
        assertThat(erased.at("/owner/name").isNull()).isTrue();
        assertThat(erased.at("/owner/country").isNull()).isTrue();
        assertThat(erased.at("/owner/marketingConsent").asBoolean()).isFalse();
        assertThat(erased.at("/owner/consentChangedAt").isNull()).isTrue();
        assertThat(erased.at("/owner/erasedAt").isNull()).isFalse();
        assertThat(erased.get("decisions")).as("decisions stay, anonymised").hasSize(2);
        assertThat(erased.get("purchases")).hasSize(1);
        assertThat(erased.get("ownerships")).hasSize(1);
        assertThat(erased.toString().toLowerCase()).doesNotContain("zelda").doesNotContain("quillfeather");
        assertThat(personalDataLeftInTables()).as("rows still naming the owner").isEmpty();
        assertThat(counts()).as("every figure as before").isEqualTo(before);

        assertThat(hub.delete("/api/owners/" + ownerId).status()).as("erasing twice").isEqualTo(204);
        assertThat(counts()).isEqualTo(before);
        assertThat(personalDataLeftInTables()).isEmpty();

        HubClient.Answer unknown = hub.delete("/api/owners/" + UUID.randomUUID());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().at("/errors/0/field").asText()).isEqualTo("ownerId");
        assertThat(hub.get("/api/owners/" + UUID.randomUUID() + "/export").status()).isEqualTo(404);
        assertThat(hub.get("/api/owners/not-a-uuid/export").status()).isEqualTo(400);
    }

    private Map<String, Integer> counts() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String table : List.of("owner", "ownership", "purchase", "hub_event", "decision", "outbound_action")) {
            out.put(table, jdbc.sql("SELECT count(*) FROM " + table).query(Integer.class).single());
        }
        out.put("decisions with offer", jdbc.sql("SELECT count(*) FROM decision WHERE offer_sku IS NOT NULL").query(Integer.class).single());
        out.put("sent", jdbc.sql("SELECT count(*) FROM outbound_action WHERE status = 'SENT'").query(Integer.class).single());
        return out;
    }

    /** Every text column of the tables that hold owners' data, searched for the name and the address. */
    private List<String> personalDataLeftInTables() {
        return jdbc.sql("""
                        SELECT 'owner ' || id FROM owner WHERE lower(coalesce(email, '') || coalesce(name, '')) ~ '(zelda|quillfeather)'
                        UNION ALL SELECT 'event ' || id FROM hub_event WHERE lower(coalesce(owner_email, '') || attributes::text || coalesce(last_error, '')) ~ '(zelda|quillfeather)'
                        UNION ALL SELECT 'action ' || id FROM outbound_action WHERE lower(payload::text || coalesce(last_error, '')) ~ '(zelda|quillfeather)'
                        UNION ALL SELECT 'decision ' || id FROM decision WHERE lower(reason) ~ '(zelda|quillfeather)'
                        """).query(String.class).list();
    }
}
