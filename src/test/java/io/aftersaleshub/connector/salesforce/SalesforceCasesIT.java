package io.aftersaleshub.connector.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.aftersaleshub.support.GreenMailPeer.subject;
import static io.aftersaleshub.support.HubFixtures.EM300;
import static io.aftersaleshub.support.HubFixtures.offer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Salesforce cases in, end to end from the bean right below Camel's salesforce component (fed the Case change
 * events the Pub/Sub API consumer delivers: the event's JSON and its replay id) to a decision and its e-mail
 * (GreenMail), with WireMock as the org's OAuth token endpoint and REST API. No streaming peer runs here: the
 * subscription is off ({@code hub.salesforce.subscribe=false}); {@link SalesforcePubSubIT} runs the route against a
 * local Pub/Sub API peer, including a replay id Salesforce refuses.
 */
class SalesforceCasesIT extends HubWithSalesforceOrg {

    @DynamicPropertySource
    static void noStreamingPeer(DynamicPropertyRegistry registry) {
        registry.add("hub.salesforce.subscribe", () -> false);
        registry.add("hub.salesforce.tasks", () -> true);
    }

    @Autowired
    CaseChangeHandler handler;
    @Autowired
    CaseRereads rereads;

    /** A record id of this test run: 18 letters and digits. */
    private String caseId(int i) {
        return ("500" + run + i + "AAAAAAAAAAAAAAAAAA").substring(0, 18);
    }

    private String email(int i) {
        return "sf-" + i + "-" + run + "@example.test";
    }

    private String closedEvent(String caseId, String serial, String gtin) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/salesforce/case_closed_cometd.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("SERIAL-PLACEHOLDER", serial)
                    .replace("500RM000005a9tGYAQ", caseId).replace("\"04098765000300\"", "\"" + gtin + "\"");
        }
    }

    private String gapEvent(String id1, String id2) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/salesforce/case_gap_update.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("500RM000005a9tJYAQ", id1).replace("500RM000005a9tKYAQ", id2);
        }
    }

    private void ownedUnit(String serial, int owner) throws Exception {
        it.catalogueWith(EM300 + ":" + serial);
        it.owned(EM300, serial, email(owner), "Owner " + owner, true, LocalDate.parse("2025-06-01"), Instant.parse("2025-06-02T10:00:00Z"));
    }

    /** Sets the checkpoint as a test needs it (its time may go back, which processing never does). */
    private void checkpointIs(String replayId, Instant changedAt) {
        jdbc.sql("UPDATE salesforce_checkpoint SET replay_id = ?, changed_at = ? WHERE topic = ?")
                .params(replayId, java.sql.Timestamp.from(changedAt), settings.topic()).update();
    }

    private long salesforceEvents() {
        return jdbc.sql("SELECT count(*) FROM hub_event WHERE source = 'salesforce'").query(Long.class).single();
    }

    @Test
    void aClosedCaseIsDecidedAndMailedOnceHoweverOftenItsEventArrives() throws Exception {
        String serial = "SF1-" + run;
        ownedUnit(serial, 1);
        String event = closedEvent(caseId(1), serial, EM300);

        CaseChangeHandler.Outcome first = handler.onChange(event, "AAAAAAAAAAAAAA4=");
        CaseChangeHandler.Outcome again = handler.onChange(event, "AAAAAAAAAAAAAA4=");
        CaseChangeHandler.Outcome laterReplay = handler.onChange(event, "AAAAAAAAAAAAAA8=");

        assertThat(first.receipts()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo("accepted"));
        assertThat(again.receipts()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo("duplicate"));
        assertThat(laterReplay.receipts()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo("duplicate"));
        Map<String, Object> d = it.awaitDecisions(EM300, serial, 1).get(0);
        assertThat(d).containsEntry("moment", "SUPPORT_CLOSED").containsEntry("ruleName", "Espresso: descaler after a descaling case");
        assertThat(offer(d)).containsEntry("sku", "PART-DESCALER");
        assertThat(subject(inbox.awaitMailTo(email(1), 1).get(0))).isEqualTo("Descaler 2 x 250 ml for your EM-300");
        it.assertMailCountStays(1, email(1));
        assertThat(it.decisions(EM300, serial)).hasSize(1);
        Map<String, Object> stored = jdbc.sql("SELECT type, source_event_id, attributes::text AS attributes FROM hub_event WHERE serial = ?")
                .param(serial).query().singleRow();
        assertThat(stored).containsEntry("type", "support.case_closed")
                .containsEntry("source_event_id", caseId(1) + "@2026-11-20T16:41:00Z");
        assertThat(stored.get("attributes").toString()).contains("\"caseId\": \"" + caseId(1) + "\"", "\"category\": \"descaling\"",
                "\"resolution\": \"Closed\"");
        // the replay id of the last processed event, for a restart to resume from (its time never goes back: the hub
        // started after this change)
        assertThat(checkpoints.find(settings.topic()).orElseThrow().replayId()).isEqualTo("AAAAAAAAAAAAAA8=");
        assertThat(CaseSubscription.startFor(checkpoints.find(settings.topic()), Instant.parse("2026-11-21T10:00:00Z"),
                settings.replayRetention())).isEqualTo(new CaseSubscription.Start(null, "CUSTOM", "AAAAAAAAAAAAAA8="));
    }

    @Test
    void aGapIsReReadThroughRestOnceSalesforceAnswersAgain() throws Exception {
        String serial = "SF2-" + run;
        ownedUnit(serial, 2);
        org.unavailable("WHERE Id IN ('" + caseId(2) + "','" + caseId(3) + "')");

        CaseChangeHandler.Outcome gap = handler.onChange(gapEvent(caseId(2), caseId(3)), "AAAAAAAAAAAAABA=");

        assertThat(gap.changeType()).isEqualTo("GAP_UPDATE");
        assertThat(gap.reread()).containsExactly(caseId(2), caseId(3));
        List<Map<String, Object>> waiting = jdbc.sql("SELECT record_id, attempts, last_error FROM salesforce_pending_read WHERE record_id IN (?, ?) ORDER BY record_id")
                .params(caseId(2), caseId(3)).query().listOfRows();
        assertThat(waiting).hasSize(2).allSatisfy(w -> {
            assertThat(w.get("attempts")).isEqualTo(1);
            assertThat(w.get("last_error").toString()).startsWith("Salesforce query failed: HTTP 503, ").contains("SERVER_UNAVAILABLE");
        });
        assertThat(it.decisions(EM300, serial)).isEmpty();
        assertThat(checkpoints.find(settings.topic()).orElseThrow().replayId()).isEqualTo("AAAAAAAAAAAAABA=");

        // Salesforce is back: case 2 was closed on the unit meanwhile, case 3 is still being worked on
        org.answer("WHERE Id IN ('" + caseId(2) + "','" + caseId(3) + "')", List.of(
                SalesforceStub.caseRecord(caseId(2), "Closed", "leak", EM300, serial, "2026-11-20T16:40:12.000+0000"),
                SalesforceStub.caseRecord(caseId(3), "Working", "leak", EM300, serial, null)));
        assertThat(rereads.fill()).isEqualTo(1);

        assertThat(offer(it.awaitDecisions(EM300, serial, 1).get(0))).containsEntry("sku", "PART-GASKET-EM");
        assertThat(subject(inbox.awaitMailTo(email(2), 1).get(0))).isEqualTo("Group head gasket for your EM-300");
        assertThat(jdbc.sql("SELECT count(*) FROM salesforce_pending_read WHERE record_id IN (?, ?)").params(caseId(2), caseId(3))
                .query(Long.class).single()).isZero();
        org.server.verify(getRequestedFor(urlPathEqualTo(SalesforceStub.QUERY))
                .withQueryParam("q", containing("SELECT Id, CaseNumber, Status, ClosedDate, LastModifiedDate, Product_GTIN__c, "
                        + "Serial_Number__c, Type FROM Case WHERE Id IN")));
        org.server.verify(postRequestedFor(urlPathEqualTo("/services/oauth2/token")).withRequestBody(containing("grant_type=client_credentials")));
        // a second round finds nothing to do
        assertThat(rereads.fill()).isZero();
        it.assertMailCountStays(1, email(2));
    }

    @Test
    void anExpiredReplayIdFallsBackToTheCasesClosedSinceTheCheckpoint() throws Exception {
        String serial = "SF4-" + run;
        ownedUnit(serial, 4);
        Instant checkpointAt = clock.instant().minus(Duration.ofDays(4)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        checkpoints.save(settings.topic() + "-expired", "AAAAAAAAAAAAAA1=", checkpointAt);
        CaseSubscription.Start start = CaseSubscription.startFor(checkpoints.find(settings.topic() + "-expired"), clock.instant(),
                settings.replayRetention());
        assertThat(start).isEqualTo(new CaseSubscription.Start(checkpointAt, "LATEST", null));
        org.answer("WHERE ClosedDate >= " + SalesforceTime.soql(checkpointAt.minus(CaseRereads.OVERLAP)), List.of(
                SalesforceStub.caseRecord(caseId(4), "Closed", "milk-system", EM300, serial, "2026-11-23T08:00:00.000+0000")));

        assertThat(rereads.catchUpSince(start.catchUpSince())).isEqualTo(1);

        assertThat(offer(it.awaitDecisions(EM300, serial, 1).get(0))).containsEntry("sku", "ACC-MILK-JUG");
        inbox.awaitMailTo(email(4), 1);
        org.server.verify(getRequestedFor(urlPathEqualTo(SalesforceStub.QUERY))
                .withQueryParam("q", containing("AND Status IN ('Closed') ORDER BY ClosedDate")));
        // from now on the catch-up's start time is the checkpoint, without a replay id
        ReplayCheckpoints.Checkpoint after = checkpoints.find(settings.topic()).orElseThrow();
        assertThat(after.replayId()).isNull();
        assertThat(after.changedAt()).isAfterOrEqualTo(checkpointAt);
    }

    @Test
    void withoutASubscriptionEachRoundReadsTheCasesClosedSinceTheLastRound() throws Exception {
        String serial = "SF8-" + run;
        ownedUnit(serial, 8);
        Instant lastRound = Instant.parse("2026-11-25T07:00:00Z");
        checkpointIs(null, lastRound);
        org.answer("WHERE ClosedDate >= 2026-11-25T06:55:00Z", List.of(
                SalesforceStub.caseRecord(caseId(8), "Closed", "descaling", EM300, serial, "2026-11-25T07:10:00.000+0000")));

        // what route salesforce-in-gap-fill runs every HUB_SALESFORCE_REREAD_PERIOD
        CaseSubscription.Start round = subscription.resume();

        assertThat(round).isEqualTo(new CaseSubscription.Start(lastRound, "LATEST", null));
        assertThat(offer(it.awaitDecisions(EM300, serial, 1).get(0))).containsEntry("sku", "PART-DESCALER");
        assertThat(checkpoints.find(settings.topic()).orElseThrow().changedAt()).isAfter(lastRound);
        assertThat(camel.getRoute(CaseSubscription.ROUTE_ID)).isNull();
        it.assertMailCountStays(1, email(8));
    }

    @Test
    void aDeliveredOfferIsLoggedOnceAsATaskOnTheOwnersContact() throws Exception {
        String serial = "SF9-" + run;
        ownedUnit(serial, 9);
        String contact = "003RM000001AbCdYAQ";
        org.answer("FROM Contact WHERE Email = '" + email(9) + "'", List.of(CaseChangesTest.JSON.createObjectNode().put("Id", contact)));
        org.answer("FROM Task WHERE WhoId = '" + contact + "'", List.of());
        org.createsTask("00TRM0000012345YAQ");

        handler.onChange(closedEvent(caseId(9), serial, EM300), "AAAAAAAAAAAAAD0=");

        Map<String, Object> d = it.awaitDecisions(EM300, serial, 1).get(0);
        String decisionId = d.get("decisionId").toString();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> org.server.verify(1,
                postRequestedFor(urlPathMatching("/services/data/v62.0/sobjects/Task/?"))
                        .withRequestBody(containing("\"WhoId\":\"" + contact + "\""))
                        .withRequestBody(containing("\"Subject\":\"Offer: Descaler 2 x 250 ml [hub:" + decisionId + "]\""))
                        .withRequestBody(containing("\"Status\":\"Completed\""))
                        .withRequestBody(containing("PART-DESCALER"))));
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                        "SELECT status FROM outbound_action WHERE decision_id = ?::uuid AND channel = 'salesforce-task'")
                .param(decisionId).query(String.class).optional().orElse("").equals("SENT"));
        // the offer's e-mail went out as well; an owner without a Contact (every other test) gets no Task
        inbox.awaitMailTo(email(9), 1);
        org.server.verify(1, postRequestedFor(urlPathMatching("/services/data/v62.0/sobjects/Task/?")));
    }

    @Test
    void aMalformedEventIsRefusedClearlyAndWritesNothing() throws Exception {
        String serial = "SF6-" + run;
        ownedUnit(serial, 6);
        checkpointIs("AAAAAAAAAAAAAC0=", Instant.parse("2026-11-24T10:00:00Z"));
        ReplayCheckpoints.Checkpoint before = checkpoints.find(settings.topic()).orElseThrow();
        long events = salesforceEvents();
        long pending = jdbc.sql("SELECT count(*) FROM salesforce_pending_read").query(Long.class).single();

        assertThatThrownBy(() -> handler.onChange("{\"data\": {\"payload\": ", "AAAAAAAAAAAAAC1="))
                .isInstanceOf(MalformedCaseChangeException.class)
                .hasMessageStartingWith("Salesforce change event with replay id AAAAAAAAAAAAAC1= is refused, nothing was written: it is not JSON");
        assertThatThrownBy(() -> handler.onChange(gapEvent(caseId(6), "'); DELETE"), "AAAAAAAAAAAAAC2="))
                .hasMessageEndingWith("ChangeEventHeader.recordIds holds \"'); DELETE\", not a record id");
        assertThatThrownBy(() -> handler.onChange(closedEvent(caseId(7), serial, "04098765000301"), "AAAAAAAAAAAAAC3="))
                .hasMessageContaining("the hub refuses its case:").hasMessageContaining("gtin");

        assertThat(checkpoints.find(settings.topic())).hasValue(before);
        assertThat(salesforceEvents()).isEqualTo(events);
        assertThat(jdbc.sql("SELECT count(*) FROM salesforce_pending_read").query(Long.class).single()).isEqualTo(pending);
        assertThat(it.decisions(EM300, serial)).isEmpty();
    }

    @Test
    void theReReadRouteRunsAndNoSubscriptionRunsWithoutAStreamingPeer() {
        assertThat(camel.getRouteController().getRouteStatus("salesforce-in-gap-fill")).isEqualTo(ServiceStatus.Started);
        assertThat(camel.getRoute(CaseSubscription.ROUTE_ID)).isNull();
    }
}
