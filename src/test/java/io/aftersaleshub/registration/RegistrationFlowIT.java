package io.aftersaleshub.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.aftersaleshub.support.GreenMailPeer;
import io.aftersaleshub.support.HubClient;
import io.aftersaleshub.support.HubIntegrationTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The registration moment end to end on real PostgreSQL, embedded Artemis and GreenMail as the SMTP
 * server: catalogue → registration → decision table → guardrails → outbox → queue → e-mail.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hub.mail.host=127.0.0.1", "hub.mail.dev-mailbox=false", "hub.demo-data=false",
        "hub.outbox.republish-after=2s", "hub.outbox.relay-period=500"})
class RegistrationFlowIT extends HubIntegrationTest {

    static final String EM100 = "04098765000102";
    static final String EM300 = "04098765000300";
    /** Longer than republish-after plus the relay period above: a republished duplicate would show by then. */
    static final Duration NO_SECOND_MAIL_WAIT = Duration.ofSeconds(3);

    @RegisterExtension
    static GreenMailPeer smtp = new GreenMailPeer();

    @DynamicPropertySource
    static void smtpPort(DynamicPropertyRegistry registry) {
        registry.add("hub.mail.port", smtp::port);
    }

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcClient jdbc;

    HubClient hub;
    final String run = Long.toString(System.nanoTime(), 36);
    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void loadCatalogue() throws Exception {
        hub = new HubClient(rest);
        ObjectNode catalogue;
        try (InputStream in = new ClassPathResource("demo/catalog.json").getInputStream()) {
            catalogue = (ObjectNode) json.readTree(in);
        }
        var units = json.createArrayNode();
        for (String gtin : List.of(EM100, EM300)) {
            for (int i = 0; i < 6; i++) {
                units.addObject().put("gtin", gtin).put("serial", serial(gtin, i)).put("batch", "IT")
                        .put("manufacturedOn", "2026-01-10").put("market", "DE");
            }
        }
        catalogue.set("units", units);
        HubClient.Answer a = hub.post("/api/catalog", catalogue);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body().get("models").asInt()).isEqualTo(5);
        assertThat(a.body().get("units").asInt()).isEqualTo(12);
    }

    @Test
    void aRegistrationGetsTheOfferTheTableChoseInTheAnswerAndByEmail() {
        String email = "ana-" + run + "@example.test";
        LocalDate bought = LocalDate.now(ZoneOffset.UTC).minusDays(3);
        Instant before = Instant.now();

        HubClient.Answer a = hub.post("/api/registrations", registration(EM300, serial(EM300, 0), email, true, bought));

        assertThat(a.status()).isEqualTo(201);
        JsonNode offer = a.body().get("offer");
        assertThat(offer.get("sku").asText()).isEqualTo("WX-ESP-2Y");
        assertThat(offer.get("type").asText()).isEqualTo("WARRANTY_PLAN");
        assertThat(offer.get("name").asText()).isEqualTo("2-year warranty extension (espresso machines)");
        assertThat(offer.get("discountPercent").asInt()).isEqualTo(20);
        Instant expires = Instant.parse(offer.get("expiresAt").asText());
        assertThat(expires).isBetween(before.plus(Duration.ofHours(48)).minusSeconds(5), Instant.now().plus(Duration.ofHours(48)));
        assertThat(a.body().at("/warranty/endsOn").asText()).isEqualTo(bought.plusMonths(24).toString());

        MimeMessage mail = awaitMailTo(email, 1).get(0);
        assertThat(subject(mail)).isEqualTo("2-year warranty extension (espresso machines): 20 % off");
        assertThat(GreenMailUtil.getBody(mail)).contains("Hello Ana Example").contains("WX-ESP-2Y").contains("20 % off until");

        List<Map<String, Object>> decisions = hub.list("/api/units/" + EM300 + "/" + serial(EM300, 0) + "/decisions");
        assertThat(decisions).hasSize(1);
        assertThat(decisions.get(0)).containsEntry("moment", "REGISTRATION")
                .containsEntry("ruleName", "Espresso: warranty extension at registration")
                .containsEntry("eventId", a.body().get("eventId").asText());
        assertThat((String) decisions.get(0).get("rulesVersion")).matches("[1-9][0-9]*"); // the stored rule set version (GET /api/rules/versions)
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(actionStatuses(EM300, serial(EM300, 0)))
                .containsExactly("email:SENT"));
    }

    @Test
    void anOwnerWhoHasThePlanGetsTheNextBestCompatibleOfferNeverAnIncompatibleOne() {
        String email = "ben-" + run + "@example.test";
        assertThat(hub.post("/api/purchases", purchase(email, "WX-ESP-2Y", "ORD-" + run)).status()).isEqualTo(201);

        HubClient.Answer a = hub.post("/api/registrations", registration(EM100, serial(EM100, 0), email, true, LocalDate.now(ZoneOffset.UTC)));

        assertThat(a.status()).isEqualTo(201);
        // the table ranks WX-ESP-2Y (owned), then ACC-MILK-JUG (does not fit the EM-100), then the 54 mm tamper
        assertThat(a.body().at("/offer/sku").asText()).isEqualTo("ACC-TAMPER-54");
        List<Map<String, Object>> decisions = hub.list("/api/units/" + EM100 + "/" + serial(EM100, 0) + "/decisions");
        assertThat((String) decisions.get(0).get("reason"))
                .contains("WX-ESP-2Y is already owned").contains("ACC-MILK-JUG does not fit the model");
        assertThat(decisions.get(0)).containsEntry("ruleName", "Espresso EM-100: 54 mm tamper");
        assertThat(subject(awaitMailTo(email, 1).get(0))).startsWith("54 mm tamper");
    }

    @Test
    void anIncompatibleItemIsNeverOfferedEvenWhenNothingElseRanksAboveIt() {
        String email = "cleo-" + run + "@example.test";
        hub.post("/api/purchases", purchase(email, "WX-ESP-2Y", "ORD-A-" + run));
        hub.post("/api/purchases", purchase(email, "ACC-TAMPER-54", "ORD-B-" + run));

        HubClient.Answer a = hub.post("/api/registrations", registration(EM100, serial(EM100, 1), email, true, LocalDate.now(ZoneOffset.UTC)));

        assertThat(a.body().at("/offer/sku").asText()).isEqualTo("KIT-ESP-CARE");
        Integer jugOffers = jdbc.sql("SELECT count(*) FROM decision d JOIN unit u ON u.id = d.unit_id "
                + "WHERE u.gtin = ? AND d.offer_sku = 'ACC-MILK-JUG'").param(EM100).query(Integer.class).single();
        assertThat(jugOffers).isZero();
    }

    @Test
    void aBundleWhoseContentsAreAllOwnedCountsAsOwned() {
        String email = "kim-" + run + "@example.test";
        for (String sku : List.of("WX-ESP-2Y", "ACC-TAMPER-54", "PART-GASKET-EM", "PART-DESCALER")) {
            hub.post("/api/purchases", purchase(email, sku, "ORD-" + sku + "-" + run));
        }

        HubClient.Answer a = hub.post("/api/registrations", registration(EM100, serial(EM100, 4), email, true, LocalDate.now(ZoneOffset.UTC)));

        // the care kit is the gasket plus the descaler, both owned: no offer is left
        assertThat(a.body().get("offer").isNull()).isTrue();
        List<Map<String, Object>> decisions = hub.list("/api/units/" + EM100 + "/" + serial(EM100, 4) + "/decisions");
        assertThat((String) decisions.get(0).get("reason")).startsWith("every candidate refused:")
                .contains("KIT-ESP-CARE is already owned");
    }

    @Test
    void theSameRegistrationTwiceGivesOneDecisionAndOneEmail() throws Exception {
        String email = "dan-" + run + "@example.test";
        String body = json.writeValueAsString(registration(EM300, serial(EM300, 1), email, true, LocalDate.now(ZoneOffset.UTC)));

        HubClient.Answer first = hub.post("/api/registrations", body);
        HubClient.Answer second = hub.post("/api/registrations", body);

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body().get("registrationId")).isEqualTo(first.body().get("registrationId"));
        assertThat(second.body().get("offer")).isEqualTo(first.body().get("offer"));
        awaitMailTo(email, 1);
        // a second e-mail, if any, would arrive within this time
        await().during(NO_SECOND_MAIL_WAIT).atMost(NO_SECOND_MAIL_WAIT.plusSeconds(2)).until(() -> mailsTo(email).size() == 1);
        assertThat(hub.list("/api/units/" + EM300 + "/" + serial(EM300, 1) + "/decisions")).hasSize(1);
    }

    @Test
    void aDuplicateEventGivesOneDecisionAndOneEmail() throws Exception {
        String email = "eva-" + run + "@example.test";
        ownedElsewhere(EM300, serial(EM300, 2), email);
        Map<String, Object> event = Map.of("type", "registration.completed", "source", "crm",
                "sourceEventId", "reg-" + run, "occurredAt", "2026-11-20T10:15:30Z",
                "gtin", EM300, "serial", serial(EM300, 2), "ownerEmail", email, "attributes", Map.of("origin", "IT"));

        HubClient.Answer first = hub.post("/api/events", event);
        HubClient.Answer again = hub.post("/api/events", List.of(event, event));

        assertThat(first.status()).isEqualTo(202);
        assertThat(first.body().get(0).get("status").asText()).isEqualTo("accepted");
        assertThat(again.body()).hasSize(2);
        for (JsonNode receipt : again.body()) {
            assertThat(receipt.get("status").asText()).isEqualTo("duplicate");
            assertThat(receipt.get("eventId")).isEqualTo(first.body().get(0).get("eventId"));
        }
        assertThat(subject(awaitMailTo(email, 1).get(0))).startsWith("2-year warranty extension");
        // a second e-mail, if any, would arrive within this time
        await().during(NO_SECOND_MAIL_WAIT).atMost(NO_SECOND_MAIL_WAIT.plusSeconds(2)).until(() -> mailsTo(email).size() == 1);
        List<Map<String, Object>> decisions = hub.list("/api/units/" + EM300 + "/" + serial(EM300, 2) + "/decisions");
        assertThat(decisions).hasSize(1);
        assertThat(decisions.get(0)).containsEntry("eventId", first.body().get(0).get("eventId").asText());
    }

    @Test
    void aSecondRegistrationEventForTheSameOwnershipGetsNoSecondOffer() throws Exception {
        String email = "gil-" + run + "@example.test";
        hub.post("/api/registrations", registration(EM300, serial(EM300, 3), email, true, LocalDate.now(ZoneOffset.UTC)));
        awaitMailTo(email, 1);

        HubClient.Answer crm = hub.post("/api/events", Map.of("type", "registration.completed", "source", "crm",
                "sourceEventId", "again-" + run, "occurredAt", "2026-11-20T10:15:30Z", "gtin", EM300, "serial", serial(EM300, 3)));

        assertThat(crm.body().get(0).get("status").asText()).isEqualTo("accepted");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                hub.list("/api/units/" + EM300 + "/" + serial(EM300, 3) + "/decisions").size() == 2);
        Map<String, Object> second = hub.list("/api/units/" + EM300 + "/" + serial(EM300, 3) + "/decisions").get(1);
        assertThat(second.get("offer")).isNull();
        assertThat((String) second.get("reason")).isEqualTo("this owner already got an offer at REGISTRATION for this unit");
        // a second e-mail, if any, would arrive within this time
        await().during(NO_SECOND_MAIL_WAIT).atMost(NO_SECOND_MAIL_WAIT.plusSeconds(2)).until(() -> mailsTo(email).size() == 1);
    }

    @Test
    void concurrentCopiesOfOneRegistrationGiveOneRegistrationOneDecisionOneEmail() throws Exception {
        String email = "hal-" + run + "@example.test";
        String body = json.writeValueAsString(registration(EM300, serial(EM300, 5), email, true, LocalDate.now(ZoneOffset.UTC)));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<HubClient.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> hub.post("/api/registrations", body)));
            }
            List<Integer> statuses = new ArrayList<>();
            java.util.Set<String> registrationIds = new java.util.HashSet<>();
            for (var f : answers) {
                HubClient.Answer a = f.get();
                statuses.add(a.status());
                registrationIds.add(a.body().get("registrationId").asText());
            }
            assertThat(statuses).containsOnly(201, 200).filteredOn(s -> s == 201).hasSize(1);
            assertThat(registrationIds).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        awaitMailTo(email, 1);
        // a second e-mail, if any, would arrive within this time
        await().during(NO_SECOND_MAIL_WAIT).atMost(NO_SECOND_MAIL_WAIT.plusSeconds(2)).until(() -> mailsTo(email).size() == 1);
        assertThat(hub.list("/api/units/" + EM300 + "/" + serial(EM300, 5) + "/decisions")).hasSize(1);
    }

    @Test
    void withoutMarketingConsentTheOfferIsShownButNotEmailed() throws Exception {
        String email = "ivy-" + run + "@example.test";
        HubClient.Answer a = hub.post("/api/registrations", registration(EM100, serial(EM100, 2), email, false, LocalDate.now(ZoneOffset.UTC)));

        assertThat(a.status()).isEqualTo(201);
        assertThat(a.body().at("/offer/sku").asText()).isEqualTo("WX-ESP-2Y");
        List<Map<String, Object>> decisions = hub.list("/api/units/" + EM100 + "/" + serial(EM100, 2) + "/decisions");
        assertThat((String) decisions.get(0).get("reason")).endsWith("no e-mail: owner gave no marketing consent");
        assertThat((List<?>) decisions.get(0).get("actions")).isEmpty();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> mailsTo(email).isEmpty());
    }

    @Test
    void anEventStoredByAnotherHubNodeIsClaimedAndDecidedHere() {
        String email = "jo-" + run + "@example.test";
        ownedElsewhere(EM100, serial(EM100, 3), email);
        // as if another hub node had stored it: no wake-up here, the decide step finds it by polling
        jdbc.sql("""
                INSERT INTO hub_event (id, type, source, source_event_id, occurred_at, received_at, gtin, serial, status)
                VALUES (?, 'registration.completed', 'crm', ?, now(), now() - interval '1 minute', ?, ?, 'RECEIVED')
                """).params(UUID.randomUUID(), "lost-" + run, EM100, serial(EM100, 3)).update();

        awaitMailTo(email, 1);
        assertThat(hub.list("/api/units/" + EM100 + "/" + serial(EM100, 3) + "/decisions")).hasSize(1);
        assertThat(jdbc.sql("SELECT status FROM hub_event WHERE source_event_id = ?").param("lost-" + run)
                .query(String.class).single()).isEqualTo("DECIDED");
    }

    @Test
    void anActionWhoseQueueMessageWasLostIsRepublishedAndSentOnce() {
        String email = "kim-" + run + "@example.test";
        ownedElsewhere(EM100, serial(EM100, 5), email);
        // as if the hub had crashed between committing the decision and sending its action to the queue
        UUID event = UUID.randomUUID();
        UUID decision = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO hub_event (id, type, source, source_event_id, occurred_at, gtin, serial, status)
                VALUES (?, 'parts.viewed', 'web', ?, now(), ?, ?, 'DECIDED')""")
                .params(event, "lost-action-" + run, EM100, serial(EM100, 5)).update();
        jdbc.sql("""
                INSERT INTO decision (id, event_id, moment, unit_id, offer_sku, discount_percent, reason, rules_version, rule_name,
                                      status)
                SELECT ?, ?, 'PARTS_VIEWED', u.id, 'KIT-ESP-CARE', 10, 'rule matched', 'test', 'row', 'OFFERED'
                FROM unit u WHERE u.gtin = ? AND u.serial = ?""").params(decision, event, EM100, serial(EM100, 5)).update();
        jdbc.sql("""
                INSERT INTO outbound_action (id, decision_id, channel, idempotency_key, payload, status, created_at)
                VALUES (?, ?, 'email', ?, CAST(? AS jsonb), 'PENDING', now() - interval '1 minute')""")
                .params(UUID.randomUUID(), decision, "email:" + decision, """
                        {"to": "%s", "name": "Kim", "moment": "PARTS_VIEWED", "decisionId": "%s", "sku": "KIT-ESP-CARE",
                         "offerName": "Espresso care kit", "discountPercent": 10, "modelCode": "EM-100", "serial": "x"}"""
                        .formatted(email, decision)).update();

        assertThat(subject(awaitMailTo(email, 1).get(0))).isEqualTo("Keep your EM-100 in shape: Espresso care kit");
        await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(jdbc.sql(
                "SELECT status FROM outbound_action WHERE decision_id = ?").param(decision).query(String.class).single()));
        // republished once: the published mark keeps the republisher from sending it again
        await().during(NO_SECOND_MAIL_WAIT).atMost(NO_SECOND_MAIL_WAIT.plusSeconds(2)).until(() -> mailsTo(email).size() == 1);
    }

    @Test
    void aSerialWithASlashIsRegisteredAndItsDecisionsReadByQuery() {
        String serial = "S/" + run + ";1";
        assertThat(hub.post("/api/catalog", Map.of("units", List.of(Map.of("gtin", EM300, "serial", serial)))).status())
                .isEqualTo(200);
        String email = "sol-" + run + "@example.test";
        assertThat(hub.post("/api/registrations", registration(EM300, serial, email, true, LocalDate.now(ZoneOffset.UTC))).status())
                .isEqualTo(201);

        // the test client encodes the query itself; '/' and ';' are legal in a query string
        List<Map<String, Object>> decisions = hub.list("/api/units/decisions?gtin=" + EM300 + "&serial=" + serial);
        assertThat(decisions).hasSize(1);
        assertThat(decisions.get(0)).containsEntry("ruleName", "Espresso: warranty extension at registration");
    }

    @Test
    void aPartsPageEventIsDecidedOnTheBatchedPathWithTheMomentsOwnEmail() {
        String email = "pia-" + run + "@example.test";
        // an owner the hub learnt from another system: no registration offer, so the frequency cap leaves this one alone
        ownedElsewhere(EM300, serial(EM300, 4), email);

        HubClient.Answer a = hub.post("/api/events", Map.of("type", "parts.viewed", "source", "web",
                "sourceEventId", "pv-" + run, "occurredAt", "2026-11-20T10:15:30+01:00", "gtin", EM300, "serial", serial(EM300, 4)));

        assertThat(a.status()).isEqualTo(202);
        assertThat(a.body().get(0).get("status").asText()).isEqualTo("accepted");
        List<MimeMessage> mails = awaitMailTo(email, 1);
        assertThat(mails).extracting(RegistrationFlowIT::subject).containsExactly("Keep your EM-300 in shape: Espresso care kit (gasket + descaler)");
        List<Map<String, Object>> decisions = hub.list("/api/units/" + EM300 + "/" + serial(EM300, 4) + "/decisions");
        assertThat(decisions).hasSize(1);
        assertThat(decisions.get(0)).containsEntry("moment", "PARTS_VIEWED")
                .containsEntry("ruleName", "Espresso: care kit on the parts page");
        assertThat(jdbc.sql("SELECT status FROM hub_event WHERE source = 'web' AND source_event_id = ?")
                .param("pv-" + run).query(String.class).single()).isEqualTo("DECIDED");
    }

    @Test
    void badRequestsAreRefusedFieldByFieldAndWriteNothing() {
        String email = "fay-" + run + "@example.test";
        hub.post("/api/registrations", registration(EM300, serial(EM300, 4), email, true, LocalDate.now(ZoneOffset.UTC)));
        awaitMailTo(email, 1);
        List<Long> before = counts();

        Map<String, Object> bad = registration("04098765000301", serial(EM300, 5), "not-an-email", true, LocalDate.now(ZoneOffset.UTC).plusDays(2));
        HubClient.Answer a = hub.post("/api/registrations", bad);
        assertThat(a.status()).isEqualTo(400);
        assertThat(fields(a)).containsExactlyInAnyOrder("gtin", "owner.email", "purchaseDate");
        assertThat(a.body().get("errors").get(0).get("reason").asText()).isEqualTo("check digit must be 0");

        HubClient.Answer unknown = hub.post("/api/registrations", registration(EM300, "NO-SUCH-" + run, "x" + email, true, LocalDate.now(ZoneOffset.UTC)));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(fields(unknown)).containsExactly("serial");

        HubClient.Answer taken = hub.post("/api/registrations", registration(EM300, serial(EM300, 4), "other-" + email, true, LocalDate.now(ZoneOffset.UTC)));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.body().at("/errors/0/reason").asText()).contains("already registered to another owner");

        Map<String, Object> good = Map.of("type", "registration.completed", "source", "crm", "sourceEventId", "ok-" + run,
                "occurredAt", "2026-11-20T10:15:30Z", "gtin", EM300, "serial", serial(EM300, 4));
        Map<String, Object> wrongType = Map.of("type", "registration.exploded", "source", "crm", "sourceEventId", "bad-" + run,
                "occurredAt", "yesterday", "gtin", EM300, "serial", serial(EM300, 4));
        HubClient.Answer events = hub.post("/api/events", List.of(good, wrongType));
        assertThat(events.status()).isEqualTo(400);
        assertThat(fields(events)).containsExactlyInAnyOrder("[1].type", "[1].occurredAt");

        HubClient.Answer catalogue = hub.post("/api/catalog", Map.of("items", List.of(Map.of("sku", "NEW-" + run,
                "type", "GADGET", "name", "x", "price", -1, "currency", "EUR", "compatibleGtins", List.of("04098765999992")))));
        assertThat(catalogue.status()).isEqualTo(400);
        assertThat(fields(catalogue)).containsExactlyInAnyOrder("items[0].type", "items[0].price", "items[0].compatibleGtins[0]");

        HubClient.Answer notJson = hub.post("/api/registrations", "{\"gtin\": ");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(fields(notJson)).containsExactly("body");

        HubClient.Answer purchase = hub.post("/api/purchases", Map.of("ownerEmail", "new-" + email, "sku", "WX-ESP-2Y",
                "orderRef", "O-" + run, "amount", -5, "currency", "EURO", "purchasedAt", "2026-11-20T10:00:00Z", "source", "erp"));
        assertThat(purchase.status()).isEqualTo(400);
        assertThat(fields(purchase)).containsExactlyInAnyOrder("amount", "currency");

        Map<String, Object> typo = new java.util.HashMap<>(registration(EM300, serial(EM300, 5), "typo-" + email, true, LocalDate.now(ZoneOffset.UTC)));
        typo.put("colour", "red");
        HubClient.Answer unknownField = hub.post("/api/registrations", typo);
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.body().at("/errors/0/field").asText()).isEqualTo("colour");
        assertThat(unknownField.body().at("/errors/0/reason").asText()).isEqualTo("is not a known field");

        HubClient.Answer nul = hub.post("/api/events", Map.of("type", "parts.viewed", "source", "we\u0000b",
                "sourceEventId", "nul-" + run, "occurredAt", "3026-11-20T10:15:30Z", "gtin", EM300, "serial", serial(EM300, 4),
                "attributes", Map.of("note", "a\u0000b")));
        assertThat(nul.status()).isEqualTo(400);
        assertThat(fields(nul)).containsExactlyInAnyOrder("source", "occurredAt", "attributes");

        HubClient.Answer dupes = hub.post("/api/catalog", Map.of("items", List.of(
                Map.of("sku", "KIT-" + run, "type", "BUNDLE", "name", "x", "price", 1e12, "currency", "EUR",
                        "compatibleGtins", List.of(EM300), "contains", List.of("KIT-" + run)),
                Map.of("sku", "KIT-" + run, "type", "PART", "name", "y", "price", 1.005, "currency", "EUR",
                        "compatibleGtins", List.of(EM300)))));
        assertThat(dupes.status()).isEqualTo(400);
        assertThat(fields(dupes)).containsExactlyInAnyOrder("items[0].price", "items[0].contains[0]", "items[1].sku", "items[1].price");

        HubClient.Answer future = hub.post("/api/purchases", Map.of("ownerEmail", "new-" + email, "sku", "WX-ESP-2Y",
                "orderRef", "F-" + run, "amount", 5, "currency", "EUR", "purchasedAt", "3000-01-01T00:00:00Z", "source", "erp"));
        assertThat(future.status()).isEqualTo(400);
        assertThat(fields(future)).containsExactly("purchasedAt");

        assertThat(counts()).isEqualTo(before);
        assertThat(jdbc.sql("SELECT count(*) FROM catalog_item WHERE sku = ?").param("NEW-" + run).query(Long.class).single()).isZero();
    }

    // --- helpers

    /** An owner and ownership the hub learnt from another system (e.g. an ERP import), with no decision yet. */
    private void ownedElsewhere(String gtin, String serial, String email) {
        UUID owner = UUID.randomUUID();
        jdbc.sql("INSERT INTO owner (id, email, name, country, marketing_consent) VALUES (?, ?, 'Eva Elsewhere', 'DE', true)")
                .params(owner, email).update();
        jdbc.sql("""
                INSERT INTO ownership (id, unit_id, owner_id, owned_from, purchase_date, channel)
                SELECT ?, u.id, ?, now(), current_date, 'erp' FROM unit u WHERE u.gtin = ? AND u.serial = ?
                """).params(UUID.randomUUID(), owner, gtin, serial).update();
    }

    private String serial(String gtin, int i) {
        return (gtin.equals(EM100) ? "A" : "C") + run + "-" + i;
    }

    private static Map<String, Object> registration(String gtin, String serial, String email, boolean consent, LocalDate bought) {
        return Map.of("gtin", gtin, "serial", serial, "purchaseDate", bought.toString(), "channel", "web",
                "owner", Map.of("email", email, "name", "Ana Example", "country", "DE", "marketingConsent", consent));
    }

    private static Map<String, Object> purchase(String email, String sku, String orderRef) {
        return Map.of("ownerEmail", email, "sku", sku, "orderRef", orderRef, "amount", 79.00, "currency", "EUR",
                "purchasedAt", "2026-10-01T09:00:00Z", "source", "shop");
    }

    private List<Long> counts() {
        List<Long> out = new ArrayList<>();
        for (String table : List.of("owner", "ownership", "purchase", "hub_event", "decision", "outbound_action", "unit",
                "catalog_item", "product_model", "item_compatibility", "bundle_content")) {
            out.add(jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single());
        }
        return out;
    }

    private static List<String> fields(HubClient.Answer a) {
        List<String> out = new ArrayList<>();
        a.body().get("errors").forEach(e -> out.add(e.get("field").asText()));
        return out;
    }

    private List<String> actionStatuses(String gtin, String serial) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> d : hub.list("/api/units/" + gtin + "/" + serial + "/decisions")) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> actions = (List<Map<String, Object>>) d.get("actions");
            actions.forEach(x -> out.add(x.get("channel") + ":" + x.get("status")));
        }
        return out;
    }

    private static List<MimeMessage> mailsTo(String email) {
        return smtp.mailsTo(email);
    }

    private static List<MimeMessage> awaitMailTo(String email, int count) {
        return smtp.awaitMailTo(email, count);
    }

    private static String subject(MimeMessage m) {
        return GreenMailPeer.subject(m);
    }

}
