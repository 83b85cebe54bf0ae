package io.aftersaleshub.connector.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.aftersaleshub.support.FreePort;
import org.apache.camel.ServiceStatus;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** Where the subscription starts from, its endpoint, and that nothing starts without Salesforce configured. */
class CaseSubscriptionTest {

    static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    static final Duration RETENTION = Duration.ofHours(72);

    @Test
    void theFirstStartSubscribesFromTheLatestEvent() {
        assertThat(CaseSubscription.startFor(Optional.empty(), NOW, RETENTION)).isEqualTo(new CaseSubscription.Start(null, "LATEST", null));
    }

    @Test
    void aReplayIdWithinTheRetentionIsReplayedFrom() {
        Instant changedAt = NOW.minus(Duration.ofHours(71));
        assertThat(CaseSubscription.startFor(Optional.of(new ReplayCheckpoints.Checkpoint("AAAAAAAAAAAAAA8=", changedAt)), NOW, RETENTION))
                .isEqualTo(new CaseSubscription.Start(null, "CUSTOM", "AAAAAAAAAAAAAA8="));
    }

    @Test
    void anExpiredOrMissingReplayIdIsCaughtUpByQueryFromTheCheckpointsTime() {
        Instant old = NOW.minus(Duration.ofHours(73));
        assertThat(CaseSubscription.startFor(Optional.of(new ReplayCheckpoints.Checkpoint("AAAAAAAAAAAAAA8=", old)), NOW, RETENTION))
                .isEqualTo(new CaseSubscription.Start(old, "LATEST", null));
        Instant recent = NOW.minus(Duration.ofMinutes(5));
        assertThat(CaseSubscription.startFor(Optional.of(new ReplayCheckpoints.Checkpoint(null, recent)), NOW, RETENTION))
                .isEqualTo(new CaseSubscription.Start(recent, "LATEST", null));
    }

    @Test
    void theEndpointReportsARefusedReplayIdInsteadOfSkippingToTheLatest() {
        assertThat(new CaseChangeRoute("/data/CaseChangeEvent", "CUSTOM", "AAAAAAAAAA4+/w==").uri()).isEqualTo(
                "salesforce:pubSubSubscribe:/data/CaseChangeEvent?pubSubDeserializeType=JSON&fallbackToLatestReplayId=false"
                        + "&exceptionHandler=#salesforceReplayGuard&replayPreset=CUSTOM&pubSubReplayId=RAW(AAAAAAAAAA4+/w==)");
        assertThat(new CaseChangeRoute("/data/CaseChangeEvent", "LATEST", null).uri()).endsWith("&replayPreset=LATEST");
    }

    @Test
    void withoutSalesforceConfiguredNoRouteStartsAndNothingIsRead() throws Exception {
        SalesforceProperties off = new SalesforceProperties(null, null, null, null, null, null, null, null, null, true, null, 0, false,
                null, null, null, null, List.of(), null, null, null, false);
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            // no checkpoints, re-reads or clock: touching any of them would fail
            CaseSubscription subscription = new CaseSubscription(off, null, null, camel, null);
            camel.addRoutes(new SalesforceGapFillRoute(off, subscription, null));
            camel.start();

            subscription.onReady();

            assertThat(camel.getRouteController().getRouteStatus("salesforce-in-gap-fill")).isEqualTo(ServiceStatus.Stopped);
            assertThat(camel.getRoute(CaseSubscription.ROUTE_ID)).isNull();
            assertThat(camel.hasComponent("salesforce")).isNull();
        }
    }

    /** The route's handler, as far as this test needs one. */
    public static class NoHandler {
        public void onChange(String body, String replayId) {
        }
    }

    @Test
    void aSalesforceThatCannotBeReachedLeavesNoRouteBehindSoTheNextRoundTriesAgain() throws Exception {
        SalesforceProperties on = new SalesforceProperties("http://127.0.0.1:" + FreePort.find(), "client", "s3cr3t", null, null, null,
                null, null, null, true, null, 0, false, null, null, null, null, List.of(), null, null, null, false);
        ReplayCheckpoints none = new ReplayCheckpoints(null) {
            @Override
            Optional<Checkpoint> find(String topic) {
                return Optional.empty();
            }

            @Override
            void save(String topic, String replayId, Instant changedAt) {
            }
        };
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("salesforce", new SalesforceComponentConfig().salesforceComponent(on));
            camel.getRegistry().bind(CaseChangeHandler.BEAN, new NoHandler());
            CaseSubscription subscription = new CaseSubscription(on, none, null, camel, Clock.systemUTC());
            camel.getRegistry().bind(ReplayGuard.BEAN, new ReplayGuard(subscription));
            camel.start();

            for (int round = 0; round < 2; round++) {
                assertThatThrownBy(subscription::resume).hasMessageStartingWith("route salesforce-in-cases did not start");
                assertThat(camel.getRoute(CaseSubscription.ROUTE_ID)).isNull();
            }
        }
    }
}
