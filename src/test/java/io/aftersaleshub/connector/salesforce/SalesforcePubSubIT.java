package io.aftersaleshub.connector.salesforce;

import static io.aftersaleshub.support.HubFixtures.EM300;
import static io.aftersaleshub.support.HubFixtures.offer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;

import com.salesforce.eventbus.protobuf.FetchRequest;
import com.salesforce.eventbus.protobuf.ReplayPreset;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Route {@code salesforce-in-cases} itself, Camel's Pub/Sub API consumer and all, against a local Pub/Sub API peer
 * over gRPC ({@link PubSubPeer}, plaintext) and WireMock as the OAuth and REST endpoints: the hub subscribes from the
 * latest event on its first start, an Avro-encoded Case close becomes a decision and an e-mail, the replay id is
 * checkpointed and a restarted subscription replays from it, and a replay id the peer refuses as corrupted is
 * caught up by SOQL before the hub subscribes from the latest event again.
 */
class SalesforcePubSubIT extends HubWithSalesforceOrg {

    static PubSubPeer pubSub;

    @BeforeAll
    static void startPubSub() throws Exception {
        pubSub = new PubSubPeer();
    }

    @AfterAll
    static void stopPubSub() throws Exception {
        pubSub.stop();
    }

    @DynamicPropertySource
    static void pubSubPeer(DynamicPropertyRegistry registry) {
        registry.add("hub.salesforce.pub-sub-host", () -> "127.0.0.1");
        registry.add("hub.salesforce.pub-sub-port", () -> pubSub.port());
        registry.add("hub.salesforce.pub-sub-plaintext", () -> true);
    }

    private GenericRecord closed(String caseId, String serial, String category) {
        GenericRecord e = pubSub.caseChange("UPDATE", List.of(caseId), Instant.parse("2026-11-25T09:00:00Z").toEpochMilli());
        e.put("Status", "Closed");
        e.put("Type", category);
        e.put("Product_GTIN__c", EM300);
        e.put("Serial_Number__c", serial);
        e.put("ClosedDate", Instant.parse("2026-11-25T09:00:00Z").toEpochMilli());
        return e;
    }

    private static String replayId(FetchRequest r) {
        return Base64.getEncoder().encodeToString(r.getReplayId().toByteArray());
    }

    @Test
    void casesArriveOverThePubSubApiAndTheReplayIdCarriesAcrossRestartsAndRefusals() throws Exception {
        FetchRequest first = pubSub.nextSubscription(r -> true);
        assertThat(first.getTopicName()).isEqualTo("/data/CaseChangeEvent");
        assertThat(first.getReplayPreset()).isEqualTo(ReplayPreset.LATEST);

        // a close arrives: decided and mailed, its replay id checkpointed
        it.catalogueWith(EM300 + ":PS1-" + run, EM300 + ":PS2-" + run);
        it.owned(EM300, "PS1-" + run, "ps1-" + run + "@example.test", "Pia", true, LocalDate.parse("2025-06-01"), Instant.parse("2025-06-02T10:00:00Z"));
        it.owned(EM300, "PS2-" + run, "ps2-" + run + "@example.test", "Pit", true, LocalDate.parse("2025-06-01"), Instant.parse("2025-06-02T10:00:00Z"));
        pubSub.deliver(closed("500PS000001AAAAAA1", "PS1-" + run, "descaling"), "AAAAAAAAAAAAAQE=");

        assertThat(offer(it.awaitDecisions(EM300, "PS1-" + run, 1).get(0))).containsEntry("sku", "PART-DESCALER");
        inbox.awaitMailTo("ps1-" + run + "@example.test", 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> "AAAAAAAAAAAAAQE=".equals(checkpoints.find(settings.topic()).orElseThrow().replayId()));

        // the hub restarts its subscription: it replays from the checkpoint
        camel.getRouteController().stopRoute(CaseSubscription.ROUTE_ID);
        camel.removeRoute(CaseSubscription.ROUTE_ID);
        subscription.resume();
        FetchRequest replay = pubSub.nextSubscription(r -> r.getReplayPreset() == ReplayPreset.CUSTOM);
        assertThat(replayId(replay)).isEqualTo("AAAAAAAAAAAAAQE=");

        // the same event again after the restart: one decision, one e-mail
        pubSub.deliver(closed("500PS000001AAAAAA1", "PS1-" + run, "descaling"), "AAAAAAAAAAAAAQE=");

        // Salesforce no longer knows the replay id: the cases closed since the checkpoint are read, then the latest
        camel.getRouteController().stopRoute(CaseSubscription.ROUTE_ID);
        camel.removeRoute(CaseSubscription.ROUTE_ID);
        pubSub.refuse("AAAAAAAAAAAAAQE=");
        org.answer("WHERE ClosedDate >= ", List.of(SalesforceStub.caseRecord("500PS000001AAAAAA2", "Closed", "leak", EM300, "PS2-" + run,
                "2026-11-25T10:00:00.000+0000")));
        subscription.resume();
        assertThat(replayId(pubSub.nextSubscription(r -> r.getReplayPreset() == ReplayPreset.CUSTOM))).isEqualTo("AAAAAAAAAAAAAQE=");

        assertThat(offer(it.awaitDecisions(EM300, "PS2-" + run, 1).get(0))).containsEntry("sku", "PART-GASKET-EM");
        pubSub.nextSubscription(r -> r.getReplayPreset() == ReplayPreset.LATEST);
        await().atMost(Duration.ofSeconds(10)).until(() -> checkpoints.find(settings.topic()).orElseThrow().replayId() == null);
        it.assertMailCountStays(1, "ps1-" + run + "@example.test", "ps2-" + run + "@example.test");
        assertThat(it.decisions(EM300, "PS1-" + run)).hasSize(1);
    }
}
