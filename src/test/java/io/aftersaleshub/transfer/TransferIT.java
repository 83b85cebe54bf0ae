package io.aftersaleshub.transfer;

import static io.aftersaleshub.support.HubFixtures.EM300;
import static io.aftersaleshub.support.HubFixtures.EM500;
import static io.aftersaleshub.support.HubFixtures.offer;
import static io.aftersaleshub.support.GreenMailPeer.subject;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.aftersaleshub.support.HubClient;
import io.aftersaleshub.support.HubFixtures;
import io.aftersaleshub.support.MomentIntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * The TRANSFERRED moment end to end on real PostgreSQL, Artemis and GreenMail: the current owner starts a
 * transfer, the new owner completes it with the one-time token, the ownership moves (the purchase date
 * and so the warranty with it), and the new-owner kit goes to the new owner only. Every refusal answers
 * its status, names the field and changes nothing.
 */
class TransferIT extends MomentIntegrationTest {

    @Test
    void theNewOwnerCompletesTheTransferAndGetsTheNewOwnerKitTheOldOwnerNothing() throws Exception {
        String serial = "T" + run + "-1";
        String ana = "ana-" + run + "@example.test";
        String bo = "bo-" + run + "@example.test";
        it.catalogueWith(EM500 + ":" + serial);
        clock.set("2026-03-01T09:00:00Z");
        assertThat(hub.post("/api/registrations", Map.of("gtin", EM500, "serial", serial, "purchaseDate", "2026-02-20",
                "channel", "retail", "owner", Map.of("email", ana, "name", "Ana", "country", "DE", "marketingConsent", true)))
                .status()).isEqualTo(201);
        // Ana's purchases stay hers: the kit she bought does not count as the new owner's
        assertThat(hub.post("/api/purchases", Map.of("ownerEmail", ana, "sku", "KIT-ESP-CARE", "orderRef", "K-" + run,
                "amount", 29.00, "currency", "EUR", "purchasedAt", "2026-03-01T08:00:00Z", "source", "shop")).status()).isEqualTo(201);
        inbox.awaitMailTo(ana, 1);

        clock.set("2026-06-01T10:00:00Z");
        HubClient.Answer started = hub.post("/api/transfers", Map.of("gtin", EM500, "serial", serial,
                "newOwnerEmail", bo.toUpperCase()));

        assertThat(started.status()).isEqualTo(201);
        String transferId = started.body().get("transferId").asText();
        String token = started.body().get("token").asText();
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(started.body().get("expiresAt").asText()).isEqualTo("2026-06-15T10:00:00Z");
        // only the token's hash is kept
        assertThat(jdbc.sql("SELECT token_hash FROM ownership_transfer WHERE id = ?").param(UUID.fromString(transferId))
                .query(String.class).single()).isEqualTo(TransferTokens.hash(token)).isNotEqualTo(token);

        clock.set("2026-06-03T12:00:00Z");
        HubClient.Answer done = hub.post("/api/transfers/" + token + "/complete",
                Map.of("owner", Map.of("email", bo, "name", "Bo", "country", "se", "marketingConsent", true)));

        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body().get("transferId").asText()).isEqualTo(transferId);
        assertThat(done.body().at("/warranty/endsOn").asText()).isEqualTo("2029-02-20"); // EM-500: 36 months from the purchase
        List<Map<String, Object>> decisions = it.awaitDecisions(EM500, serial, 2);
        assertThat(decisions).extracting(d -> d.get("moment")).containsExactly("REGISTRATION", "TRANSFERRED");
        assertThat(decisions.get(1)).containsEntry("ruleName", "Espresso: care kit for a new owner")
                .containsEntry("eventId", done.body().get("eventId").asText());
        assertThat(offer(decisions.get(1))).containsEntry("sku", "KIT-ESP-CARE").containsEntry("discountPercent", 20);
        var mail = inbox.awaitMailTo(bo, 1).get(0);
        assertThat(subject(mail)).isEqualTo("Welcome to your EM-500: Espresso care kit (gasket + descaler)");
        assertThat(GreenMailUtil.getBody(mail)).contains("Hello Bo").contains("welcome as the new owner");
        it.assertMailCountStays(1, ana, bo);

        List<Map<String, Object>> ownerships = jdbc.sql("""
                        SELECT o.email, os.id, os.owned_from, os.owned_to, os.purchase_date, os.channel, os.transferred_from
                        FROM ownership os JOIN owner o ON o.id = os.owner_id JOIN unit u ON u.id = os.unit_id
                        WHERE u.serial = ? ORDER BY os.owned_from""").param(serial).query().listOfRows();
        assertThat(ownerships).hasSize(2);
        assertThat(ownerships.get(0)).containsEntry("email", ana);
        assertThat(((java.sql.Timestamp) ownerships.get(0).get("owned_to")).toInstant()).isEqualTo("2026-06-03T12:00:00Z");
        assertThat(ownerships.get(1)).containsEntry("email", bo).containsEntry("channel", "transfer")
                .containsEntry("owned_to", null).containsEntry("transferred_from", ownerships.get(0).get("id"))
                .containsEntry("id", UUID.fromString(done.body().get("ownershipId").asText()));
        assertThat(ownerships.get(1).get("purchase_date").toString()).isEqualTo("2026-02-20");
        assertThat(jdbc.sql("SELECT country FROM owner WHERE email = ?").param(bo).query(String.class).single()).isEqualTo("SE");
        assertThat(jdbc.sql("SELECT source || '/' || source_event_id FROM hub_event WHERE type = 'ownership.transferred' AND serial = ?")
                .param(serial).query(String.class).single()).isEqualTo("hub.transfer/" + transferId);

        // the token works once
        HubClient.Answer again = hub.post("/api/transfers/" + token + "/complete",
                Map.of("owner", Map.of("email", bo, "name", "Bo", "country", "SE", "marketingConsent", true)));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().at("/errors/0/field").asText()).isEqualTo("token");
        assertThat(again.body().at("/errors/0/reason").asText()).startsWith("was already used at 2026-06-03T12:00:00Z");

        // the same moment reported by another system is decided for the unit's current owner, once per ownership
        clock.set("2026-06-03T12:05:00Z");
        HubClient.Answer crm = hub.post("/api/events", Map.of("type", "ownership.transferred", "source", "crm", "sourceEventId", "tr-" + run,
                "occurredAt", "2026-06-03T12:05:00Z", "gtin", EM500, "serial", serial, "ownerEmail", bo));
        assertThat(crm.status()).isEqualTo(202);
        String crmEvent = crm.body().get(0).get("eventId").asText();
        Map<String, Object> external = it.awaitDecisions(EM500, serial, 3).stream()
                .filter(d -> crmEvent.equals(d.get("eventId"))).findFirst().orElseThrow();
        assertThat(external).containsEntry("moment", "TRANSFERRED").containsEntry("offer", null)
                .containsEntry("reason", "this owner already got an offer at TRANSFERRED for this unit");

        // the new owner's anniversary counts from the transfer, not from the purchase
        clock.set("2027-06-03T03:00:00Z");
        hub.post("/api/ops/daily-job?date=2027-02-20", "");
        assertThat(jdbc.sql("SELECT count(*) FROM hub_event WHERE type = 'ownership.anniversary' AND serial = ?").param(serial)
                .query(Long.class).single()).isZero();
        HubClient.Answer year = hub.post("/api/ops/daily-job?date=2027-06-03", "");
        assertThat(year.body().get("anniversaries").asInt()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT owner_email FROM hub_event WHERE type = 'ownership.anniversary' AND serial = ?").param(serial)
                .query(String.class).single()).isEqualTo(bo);
        assertThat(subject(inbox.awaitMailTo(bo, 2).get(1))).isEqualTo("Another year with your EM-500: Espresso care kit (gasket + descaler)");
        it.assertMailCountStays(1, ana);
    }

    @Test
    void everyRefusalNamesItsReasonAndChangesNothing() throws Exception {
        String serial = "R" + run + "-1";
        String unowned = "R" + run + "-2";
        String cy = "cy-" + run + "@example.test";
        String dee = "dee-" + run + "@example.test";
        String eve = "eve-" + run + "@example.test";
        String fay = "fay-" + run + "@example.test";
        String gil = "gil-" + run + "@example.test";
        it.catalogueWith(EM300 + ":" + serial, EM300 + ":" + unowned);
        it.owned(EM300, serial, cy, "Cy", true, LocalDate.parse("2026-01-10"), Instant.parse("2026-01-11T08:00:00Z"));
        clock.set("2026-05-01T08:00:00Z");

        HubClient.Answer bad = hub.post("/api/transfers", Map.of("gtin", "04098765000301", "serial", "", "newOwnerEmail", "x"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(fields(bad)).containsExactlyInAnyOrder("gtin", "serial", "newOwnerEmail");
        assertRefused(hub.post("/api/transfers", start("NO-" + run, dee)), 422, "serial", "no unit with GTIN");
        assertRefused(hub.post("/api/transfers", start(unowned, dee)), 409, "serial", "this unit has no registered owner");
        assertRefused(hub.post("/api/transfers", start(serial, cy)), 422, "newOwnerEmail", "is already the unit's owner");

        String toDee = hub.post("/api/transfers", start(serial, dee)).body().get("token").asText();
        String toFay = hub.post("/api/transfers", start(serial, fay)).body().get("token").asText();
        String tampered = toDee.substring(0, 42) + (toDee.charAt(42) == 'A' ? 'B' : 'A');
        assertRefused(hub.post("/api/transfers/" + tampered + "/complete", complete(dee, true)), 404, "token",
                "is not a known transfer token");
        assertRefused(hub.post("/api/transfers/" + toDee + "/complete", complete(eve, true)), 422, "owner.email",
                "is not the e-mail address this transfer was started for");
        HubClient.Answer noOwner = hub.post("/api/transfers/" + toDee + "/complete", Map.of("owner", Map.of("email", dee)));
        assertThat(noOwner.status()).isEqualTo(400);
        assertThat(fields(noOwner)).containsExactlyInAnyOrder("owner.name", "owner.country", "owner.marketingConsent");
        assertThat(currentOwner(serial)).isEqualTo(cy);

        // Fay completes first, without marketing consent (Cy's consent does not follow the unit)
        clock.advance(Duration.ofHours(1));
        assertThat(hub.post("/api/transfers/" + toFay + "/complete", complete(fay, false)).status()).isEqualTo(200);
        assertThat(currentOwner(serial)).isEqualTo(fay);
        assertRefused(hub.post("/api/transfers/" + toDee + "/complete", complete(dee, true)), 409, "token",
                "the unit changed hands after this transfer was started");
        assertRefused(hub.post("/api/transfers/" + toFay + "/complete", complete(fay, false)), 409, "token", "was already used");

        // a token is valid for 14 days
        String toGil = hub.post("/api/transfers", start(serial, gil)).body().get("token").asText();
        clock.advance(Duration.ofDays(14));
        assertRefused(hub.post("/api/transfers/" + toGil + "/complete", complete(gil, true)), 410, "token", "expired at 2026-05-15T09:00:00Z");
        assertThat(currentOwner(serial)).isEqualTo(fay);
        assertThat(jdbc.sql("SELECT count(*) FROM ownership os JOIN unit u ON u.id = os.unit_id WHERE u.serial = ?").param(serial)
                .query(Long.class).single()).isEqualTo(2);

        // Fay's decision has the new-owner kit, but she gave no consent: nobody gets an e-mail
        Map<String, Object> decision = it.awaitDecisions(EM300, serial, 1).get(0);
        assertThat(decision).containsEntry("moment", "TRANSFERRED");
        assertThat(offer(decision)).containsEntry("sku", "KIT-ESP-CARE");
        assertThat((String) decision.get("reason")).endsWith("no e-mail: owner gave no marketing consent");
        it.assertMailCountStays(0, cy, dee, eve, fay, gil);
    }

    private String currentOwner(String serial) {
        return jdbc.sql("""
                        SELECT o.email FROM ownership os JOIN owner o ON o.id = os.owner_id JOIN unit u ON u.id = os.unit_id
                        WHERE u.serial = ? AND os.owned_to IS NULL""").param(serial).query(String.class).single();
    }

    private static Map<String, Object> start(String serial, String newOwnerEmail) {
        return Map.of("gtin", EM300, "serial", serial, "newOwnerEmail", newOwnerEmail);
    }

    private static Map<String, Object> complete(String email, boolean consent) {
        return Map.of("owner", Map.of("email", email, "name", "New Owner", "country", "DE", "marketingConsent", consent));
    }

    private static void assertRefused(HubClient.Answer a, int status, String field, String reason) {
        assertThat(a.status()).as(a.body().toString()).isEqualTo(status);
        assertThat(a.body().get("type").asText()).isEqualTo("about:blank");
        assertThat(a.body().at("/errors/0/field").asText()).isEqualTo(field);
        assertThat(a.body().at("/errors/0/reason").asText()).startsWith(reason);
    }

    private static List<String> fields(HubClient.Answer a) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : a.body().get("errors")) {
            out.add(e.get("field").asText());
        }
        return out;
    }
}
