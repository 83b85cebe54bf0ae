package io.aftersaleshub.offer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.aftersaleshub.event.EventType;
import io.aftersaleshub.event.HubEvent;
import io.aftersaleshub.rules.vocabulary.Moment;
import io.aftersaleshub.support.FreePort;
import io.aftersaleshub.support.HubClient;
import io.aftersaleshub.support.GreenMailPeer;
import io.aftersaleshub.support.HubIntegrationTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The decision core end to end on real PostgreSQL, Artemis and GreenMail: a moment's exact offer, its
 * e-mail and its explanation; consent; the frequency cap across moments, batches and concurrent decide
 * workers (batches of 3 events, 2 workers); the registration confirmation under the cap; the holdout
 * group (half of the owners at PARTS_VIEWED here) recorded with the offer it would have made.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hub.mail.host=127.0.0.1", "hub.mail.dev-mailbox=false",
        "hub.decide.batch-size=3", "hub.decide.workers=2",
        "hub.offers.holdout.share.PARTS_VIEWED=0.5"})
class GuardrailsIT extends HubIntegrationTest {

    static final String EM100 = "04098765000102";
    static final String EM300 = "04098765000300";
    static final Duration QUIET = Duration.ofSeconds(2);

    @RegisterExtension
    static GreenMailPeer smtp = (GreenMailPeer) new GreenMailPeer()
            .withPerMethodLifecycle(false); // one server for the class: every test has its own recipients

    @DynamicPropertySource
    static void smtpPort(DynamicPropertyRegistry registry) {
        registry.add("hub.mail.port", smtp::port);
    }

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DecideStep step;
    @Autowired
    PlatformTransactionManager transactions;

    HubClient hub;
    final String run = Long.toString(System.nanoTime(), 36);

    @BeforeEach
    void setUp() {
        hub = new HubClient(rest);
    }

    @Test
    void aClosedSupportCaseGetsTheRowsOfferByEmailAndExplainsItself() {
        String serial = unit(EM300, "sc");
        String email = "sam-" + run + "@example.test";
        owned(EM300, serial, email, true, LocalDate.now(ZoneOffset.UTC).minusDays(100), false);

        post(event("support.case_closed", "case-" + run, EM300, serial,
                Map.of("caseId", "500-" + run, "category", "descaling", "resolution", "resolved")));

        MimeMessage mail = awaitMailTo(email, 1).get(0);
        assertThat(subject(mail)).isEqualTo("Descaler 2 x 250 ml for your EM-300");
        assertThat(GreenMailUtil.getBody(mail)).contains("PART-DESCALER").contains("15 % off");
        String decisionId = (String) hub.list("/api/units/" + EM300 + "/" + serial + "/decisions").get(0).get("decisionId");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                "SENT".equals(hub.get("/api/decisions/" + decisionId).body().at("/actions/0/status").asText()));

        JsonNode d = hub.get("/api/decisions/" + decisionId).body();
        assertThat(d.get("status").asText()).isEqualTo("OFFERED");
        assertThat(d.get("holdout").asBoolean()).isFalse();
        assertThat(d.get("moment").asText()).isEqualTo("SUPPORT_CLOSED");
        assertThat(d.at("/offer/sku").asText()).isEqualTo("PART-DESCALER");
        assertThat(d.at("/offer/discountPercent").asInt()).isEqualTo(15);
        assertThat(d.get("ruleName").asText()).isEqualTo("Espresso: descaler after a descaling case");
        assertThat(d.get("rulesVersion").asText()).matches("[0-9]+");
        assertThat(d.get("reason").asText()).isEqualTo("rule matched");
        JsonNode facts = d.get("facts");
        assertThat(facts.get("moment").asText()).isEqualTo("SUPPORT_CLOSED");
        assertThat(facts.get("modelCode").asText()).isEqualTo("EM-300");
        assertThat(facts.get("caseCategory").asText()).isEqualTo("descaling");
        assertThat(facts.get("supportResolution").asText()).isEqualTo("resolved");
        assertThat(facts.get("newOwner").asBoolean()).isFalse();
        assertThat(facts.get("offersLast30Days").asInt()).isZero();
        assertThat(facts.get("daysOwned").asInt()).isEqualTo(100);
        assertThat(facts.get("hasSuccessor").asBoolean()).isTrue();
        assertThat(candidates(d)).containsExactly(
                "PART-DESCALER|Espresso: descaler after a descaling case|100|null",
                "KIT-ESP-CARE|Espresso: care kit after any other case|50|ONE_PER_EVENT");
        assertThat(guardrails(d)).containsExactly("COMPATIBLE:[]", "NOT_OWNED:[]", "CONSENT:[]", "FREQUENCY_CAP:[]",
                "ONE_PER_EVENT:[KIT-ESP-CARE]");
        JsonNode action = d.at("/actions/0");
        assertThat(action.get("channel").asText()).isEqualTo("email");
        assertThat(action.get("attempts").asInt()).isEqualTo(1);
        assertThat(action.get("sentAt").isNull()).isFalse();
    }

    @Test
    void anUnknownDecisionIs404AndAMalformedIdIs400NamingTheField() {
        HubClient.Answer unknown = hub.get("/api/decisions/" + UUID.randomUUID());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().at("/errors/0/field").asText()).isEqualTo("decisionId");
        HubClient.Answer malformed = hub.get("/api/decisions/not-a-uuid");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().at("/errors/0/field").asText()).isEqualTo("decisionId");
    }

    @Test
    void withoutConsentTheOfferIsDecidedButNoEmailGoesOut() {
        String serial = unit(EM300, "nc");
        String email = "nia-" + run + "@example.test";
        // a second-hand machine: an earlier ownership of the unit has ended
        owned(EM300, serial, email, false, LocalDate.now(ZoneOffset.UTC).minusDays(400), true);

        post(event("support.case_closed", "case-nc-" + run, EM300, serial, Map.of("caseId", "nc-" + run, "category", "leak", "resolution", "resolved")));

        Map<String, Object> listed = awaitDecisions(EM300, serial, 1).get(0);
        JsonNode d = hub.get("/api/decisions/" + listed.get("decisionId")).body();
        assertThat(d.get("status").asText()).isEqualTo("OFFERED");
        assertThat(d.at("/offer/sku").asText()).isEqualTo("PART-GASKET-EM");
        assertThat(d.get("reason").asText()).isEqualTo("rule matched; no e-mail: owner gave no marketing consent");
        assertThat(d.at("/facts/newOwner").asBoolean()).isTrue();
        assertThat(d.at("/guardrails/2/guardrail").asText()).isEqualTo("CONSENT");
        assertThat(d.at("/guardrails/2/note").asText()).isEqualTo("no e-mail: owner gave no marketing consent");
        assertThat(d.get("actions")).isEmpty();
        await().during(QUIET).atMost(QUIET.plusSeconds(2)).until(() -> mailsTo(email).isEmpty());
    }

    @Test
    void noOwnerGetsTwoDeliveredOffersInsideTheCapWindowWhateverTheOrderOfMoments() {
        int owners = 6;
        List<String> serials = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < owners; i++) {
            serials.add(unit(EM300, "cap" + i));
            emails.add("cap" + i + "-" + run + "@example.test");
            owned(EM300, serials.get(i), emails.get(i), true, LocalDate.now(ZoneOffset.UTC).minusDays(700), false);
        }
        // four moments per owner, each owner's in another order, interleaved across owners, spread over concurrent batches
        List<List<Map<String, Object>>> perOwner = new ArrayList<>();
        for (int i = 0; i < owners; i++) {
            String s = serials.get(i);
            List<Map<String, Object>> mine = new ArrayList<>(List.of(
                    event("support.case_closed", "c-" + i + run, EM300, s, Map.of("caseId", "c-" + i + run, "category", "descaling", "resolution", "resolved")),
                    event("warranty.expiring", "w-" + i + run, EM300, s, Map.of()),
                    event("ownership.anniversary", "a-" + i + run, EM300, s, Map.of("year", 1)),
                    event("ownership.transferred", "t-" + i + run, EM300, s, Map.of())));
            java.util.Collections.rotate(mine, i);
            perOwner.add(mine);
        }
        List<Map<String, Object>> first = new ArrayList<>();
        List<Map<String, Object>> second = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            for (int i = 0; i < owners; i++) {
                (k < 2 ? first : second).add(perOwner.get(i).get(k));
            }
        }
        post(first);
        post(second);

        for (int i = 0; i < owners; i++) {
            List<Map<String, Object>> decisions = awaitDecisions(EM300, serials.get(i), 4);
            assertThat(decisions).extracting(d -> d.get("status")).as("owner %d", i)
                    .containsOnly("OFFERED", "CAPPED").filteredOn("OFFERED"::equals).hasSize(1);
            Map<String, Object> capped = decisions.stream().filter(d -> "CAPPED".equals(d.get("status"))).findFirst().orElseThrow();
            assertThat(capped.get("offer")).isNull();
            assertThat((String) capped.get("reason")).isEqualTo(
                    "frequency cap: the owner already got 1 offer in the last 7 days (at most 1 offer per 7 days)");
            JsonNode explained = hub.get("/api/decisions/" + capped.get("decisionId")).body();
            assertThat(explained.at("/guardrails/3/guardrail").asText()).isEqualTo("FREQUENCY_CAP");
            assertThat(explained.at("/guardrails/3/removed")).isNotEmpty();
            assertThat(explained.at("/facts/offersLast30Days").asInt()).isBetween(0, 1);
        }
        for (String email : emails) {
            awaitMailTo(email, 1);
        }
        await().during(QUIET).atMost(QUIET.plusSeconds(2)).until(() -> emails.stream().allMatch(e -> mailsTo(e).size() == 1));
    }

    @Test
    void theRegistrationConfirmationStillGoesOutUnderTheCapWithoutTheOffer() {
        String email = "rae-" + run + "@example.test";
        String first = unit(EM300, "r1");
        owned(EM300, first, email, true, LocalDate.now(ZoneOffset.UTC).minusDays(30), false);
        post(event("warranty.expiring", "we-" + run, EM300, first, Map.of()));
        assertThat(subject(awaitMailTo(email, 1).get(0))).isEqualTo("Your EM-300 warranty ends soon: 2-year warranty extension (espresso machines)");

        String second = unit(EM100, "r2");
        HubClient.Answer a = hub.post("/api/registrations", Map.of("gtin", EM100, "serial", second,
                "purchaseDate", LocalDate.now(ZoneOffset.UTC).toString(), "channel", "web",
                "owner", Map.of("email", email, "name", "Rae", "country", "DE", "marketingConsent", true)));

        assertThat(a.status()).isEqualTo(201);
        assertThat(a.body().get("offer").isNull()).isTrue();
        List<MimeMessage> mails = awaitMailTo(email, 2);
        MimeMessage confirmation = mails.stream().filter(m -> subject(m).equals("Your EM-100 is registered")).findFirst().orElseThrow();
        assertThat(GreenMailUtil.getBody(confirmation)).contains("Hello Rae").contains(second).doesNotContain("WX-ESP-2Y")
                .doesNotContain("off");
        Map<String, Object> d = awaitDecisions(EM100, second, 1).get(0);
        assertThat(d).containsEntry("status", "CAPPED").containsEntry("moment", "REGISTRATION");
        await().during(QUIET).atMost(QUIET.plusSeconds(2)).until(() -> mailsTo(email).size() == 2);
    }

    @Test
    void theHoldoutGroupIsTheHashedShareGetsNothingAndDoesNotCountAgainstTheCap() {
        int owners = 40;
        List<String> serials = new ArrayList<>();
        Map<String, UUID> ownerBySerial = new HashMap<>();
        List<Map<String, Object>> views = new ArrayList<>();
        for (int i = 0; i < owners; i++) {
            String serial = unit(EM300, "h" + i);
            serials.add(serial);
            ownerBySerial.put(serial, owned(EM300, serial, "h" + i + "-" + run + "@example.test", true,
                    LocalDate.now(ZoneOffset.UTC).minusDays(200), false));
            views.add(event("parts.viewed", "pv-" + i + run, EM300, serial, Map.of()));
        }
        post(views);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("""
                SELECT count(*) FROM decision d JOIN hub_event e ON e.id = d.event_id
                WHERE e.source = 'it' AND e.source_event_id LIKE ?""").param("pv-%" + run).query(Integer.class).single() == owners);

        int held = 0;
        for (String serial : serials) {
            boolean expected = HoldoutGroup.isHeldOut(ownerBySerial.get(serial), Moment.PARTS_VIEWED, 0.5);
            Map<String, Object> d = hub.list("/api/units/" + EM300 + "/" + serial + "/decisions").get(0);
            assertThat(d.get("status")).as(serial).isEqualTo(expected ? "HOLDOUT" : "OFFERED");
            // the offer it would have made is recorded either way
            assertThat(d).extractingByKey("offer").extracting("sku").isEqualTo("KIT-ESP-CARE");
            if (expected) {
                held++;
                assertThat((List<?>) d.get("actions")).isEmpty();
                assertThat((String) d.get("reason")).startsWith("holdout: the owner is in the 50.0 % held out at PARTS_VIEWED");
                assertThat(hub.get("/api/decisions/" + d.get("decisionId")).body().get("holdout").asBoolean()).isTrue();
            }
        }
        assertThat(held).isBetween(1, owners - 1);
        // held-out owners got nothing, so the cap lets their next moment through
        String heldOut = serials.stream().filter(s -> HoldoutGroup.isHeldOut(ownerBySerial.get(s), Moment.PARTS_VIEWED, 0.5))
                .findFirst().orElseThrow();
        post(event("warranty.expiring", "we-h-" + run, EM300, heldOut, Map.of()));
        assertThat(awaitDecisions(EM300, heldOut, 2).get(1)).containsEntry("status", "OFFERED");
        String email = "h" + serials.indexOf(heldOut) + "-" + run + "@example.test";
        assertThat(awaitMailTo(email, 1)).extracting(GuardrailsIT::subject).containsExactly("Your EM-300 warranty ends soon: 2-year warranty extension (espresso machines)");
    }

    @Test
    void theCapHoldsBetweenTwoConcurrentTransactionsDecidingForOneOwner() throws Exception {
        String serial = unit(EM300, "cc");
        owned(EM300, serial, "cc-" + run + "@example.test", true, LocalDate.now(ZoneOffset.UTC).minusDays(700), false);
        HubEvent caseClosed = stored(EventType.SUPPORT_CASE_CLOSED, serial, Map.of("category", "leak", "resolution", "resolved"));
        HubEvent expiring = stored(EventType.WARRANTY_EXPIRING, serial, Map.of());
        TransactionTemplate tx = new TransactionTemplate(transactions);
        CountDownLatch firstDecided = new CountDownLatch(1);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            // as two decide workers (or hub nodes) would: the first holds its transaction open after deciding
            Future<Decision> first = other.submit(() -> tx.execute(status -> {
                Decision d = step.decide(List.of(caseClosed)).get(0);
                firstDecided.countDown();
                sleep(1500);
                return d;
            }));
            assertThat(firstDecided.await(20, TimeUnit.SECONDS)).isTrue();
            long started = System.nanoTime();
            Decision second = tx.execute(status -> step.decide(List.of(expiring)).get(0));

            assertThat(first.get().status()).isEqualTo(DecisionStatus.OFFERED);
            assertThat(second.status()).isEqualTo(DecisionStatus.CAPPED);
            // it waited for the first transaction's owner lock, then counted its offer
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(800));
        } finally {
            other.shutdownNow();
        }
    }

    // --- helpers

    /** An event stored as if by another path, not waiting for the decide workers (status STORED). */
    private HubEvent stored(EventType type, String serial, Map<String, Object> attributes) {
        HubEvent e = new HubEvent(UUID.randomUUID(), type, "it", type.name() + "-" + run, java.time.Instant.now(), EM300, serial,
                null, attributes);
        jdbc.sql("""
                INSERT INTO hub_event (id, type, source, source_event_id, occurred_at, gtin, serial, status)
                VALUES (?, ?, 'it', ?, now(), ?, ?, 'STORED')""").params(e.id(), type.wireName(), e.sourceEventId(), EM300, serial)
                .update();
        return e;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String unit(String gtin, String name) {
        String serial = name + "-" + run;
        assertThat(hub.post("/api/catalog", Map.of("units", List.of(Map.of("gtin", gtin, "serial", serial,
                "manufacturedOn", "2024-01-10", "market", "DE")))).status()).isEqualTo(200);
        return serial;
    }

    /** An owner and ownership the hub learnt from another system, with no decision yet; optionally an earlier owner. */
    private UUID owned(String gtin, String serial, String email, boolean consent, LocalDate bought, boolean secondHand) {
        UUID owner = UUID.randomUUID();
        jdbc.sql("INSERT INTO owner (id, email, name, country, marketing_consent) VALUES (?, ?, 'Owner', 'DE', ?)")
                .params(owner, email, consent).update();
        if (secondHand) {
            UUID earlier = UUID.randomUUID();
            jdbc.sql("INSERT INTO owner (id, email, name, country) VALUES (?, ?, 'Earlier', 'DE')")
                    .params(earlier, "earlier-" + email).update();
            jdbc.sql("""
                    INSERT INTO ownership (id, unit_id, owner_id, owned_from, owned_to, purchase_date)
                    SELECT ?, u.id, ?, now() - interval '900 days', now() - interval '30 days', ? FROM unit u
                    WHERE u.gtin = ? AND u.serial = ?""").params(UUID.randomUUID(), earlier, bought.minusDays(500), gtin, serial)
                    .update();
        }
        jdbc.sql("""
                INSERT INTO ownership (id, unit_id, owner_id, owned_from, purchase_date, channel)
                SELECT ?, u.id, ?, ?, ?, 'erp' FROM unit u WHERE u.gtin = ? AND u.serial = ?
                """).params(UUID.randomUUID(), owner, java.sql.Timestamp.from(bought.atStartOfDay(ZoneOffset.UTC).toInstant()),
                bought, gtin, serial).update();
        return owner;
    }

    private static Map<String, Object> event(String type, String id, String gtin, String serial, Map<String, Object> attributes) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", type);
        e.put("source", "it");
        e.put("sourceEventId", id);
        e.put("occurredAt", "2026-11-20T10:15:30Z");
        e.put("gtin", gtin);
        e.put("serial", serial);
        e.put("attributes", attributes);
        return e;
    }

    private void post(Object events) {
        HubClient.Answer a = hub.post("/api/events", events);
        assertThat(a.status()).isEqualTo(202);
        a.body().forEach(r -> assertThat(r.get("status").asText()).isEqualTo("accepted"));
    }

    private List<Map<String, Object>> awaitDecisions(String gtin, String serial, int count) {
        String path = "/api/units/" + gtin + "/" + serial + "/decisions";
        await().atMost(Duration.ofSeconds(20)).until(() -> hub.list(path).size() >= count);
        return hub.list(path);
    }

    private static List<String> candidates(JsonNode d) {
        List<String> out = new ArrayList<>();
        d.get("candidates").forEach(c -> out.add(c.get("sku").asText() + "|" + c.get("ruleName").asText() + "|"
                + c.get("priority").asInt() + "|" + (c.get("removedBy").isNull() ? "null" : c.get("removedBy").asText())));
        return out;
    }

    private static List<String> guardrails(JsonNode d) {
        List<String> out = new ArrayList<>();
        d.get("guardrails").forEach(g -> {
            List<String> removed = new ArrayList<>();
            g.get("removed").forEach(r -> removed.add(r.asText()));
            out.add(g.get("guardrail").asText() + ":" + removed);
        });
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
