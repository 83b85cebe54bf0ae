package io.aftersaleshub.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftersaleshub.offer.OfferDecided;
import io.aftersaleshub.support.HubClient;
import io.aftersaleshub.support.HubIntegrationTest;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Adding a channel is an {@link ActionChannel} bean plus a route on {@code hub.actions.<channel>}: the
 * outbox, the publisher, the broker's redelivery, the dead letters and the failures view serve it
 * unchanged, and it fails independently of the e-mail channel.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hub.dispatch.max-redeliveries=1", "hub.dispatch.redelivery-delay=100ms",
        // two offers to one owner in a minute: this test is about channels, not the frequency cap
        "hub.offers.cap.max-offers=2"})
class AnotherChannelIT extends HubIntegrationTest {

    static final String EM300 = "04098765000300";
    /** What the "ledger" system received: sku and recipient of each offer. */
    static final List<String> LEDGER = new CopyOnWriteArrayList<>();

    @TestConfiguration
    static class Ledger {
        @Bean
        ActionChannel ledgerChannel() {
            return new ActionChannel() {
                @Override
                public String name() {
                    return "ledger";
                }

                @Override
                public Optional<Map<String, Object>> payloadFor(OfferDecided d) {
                    return d.offer() == null ? Optional.empty()
                            : Optional.of(Map.of("sku", d.offer().sku(), "owner", d.owner().email()));
                }
            };
        }

        /** The ledger's sink: claims the message's actions, "sends" them, marks them sent; descaler offers it refuses. */
        @Bean
        RouteBuilder ledgerRoute(OutboxStore outbox) {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("jms:queue:hub.actions.ledger?transacted=true&cacheLevelName=CACHE_CONSUMER")
                            .routeId("ledger-out-offer")
                            .process((Exchange e) -> {
                                for (OutboxStore.Claimed a : outbox.claimAll(Queues.ids(e.getMessage().getBody(String.class)),
                                        Duration.ofMinutes(1))) {
                                    if ("PART-DESCALER".equals(a.payload().get("sku"))) {
                                        throw new IllegalStateException("ledger refuses " + a.payload().get("sku"));
                                    }
                                    LEDGER.add(a.payload().get("sku") + " for " + a.payload().get("owner"));
                                    outbox.markSent(List.of(a.id()));
                                }
                            });
                }
            };
        }
    }

    @DynamicPropertySource
    static void devMailbox(DynamicPropertyRegistry registry) {
        devMailboxOnAFreePort(registry);
    }

    @Autowired
    TestRestTemplate rest;

    @Test
    void aNewChannelGetsItsActionsAndItsFailuresWithoutTouchingTheOthers() {
        HubClient hub = new HubClient(rest);
        String decisions = "/api/units/" + EM300 + "/EM300-00002/decisions";
        assertThat(hub.post("/api/registrations", Map.of("gtin", EM300, "serial", "EM300-00002",
                "purchaseDate", LocalDate.now(ZoneOffset.UTC).toString(),
                "owner", Map.of("email", "lu@example.test", "name", "Lu", "country", "DE", "marketingConsent", true))).status())
                .isEqualTo(201);

        await().atMost(Duration.ofSeconds(20)).until(() -> LEDGER.contains("WX-ESP-2Y for lu@example.test"));
        await().atMost(Duration.ofSeconds(10)).until(() -> channels(hub.get(decisions).body().get(0))
                .equals(List.of("email:SENT", "ledger:SENT")));

        assertThat(hub.post("/api/events", Map.of("type", "support.case_closed", "source", "crm", "sourceEventId", "lu-case-1",
                "occurredAt", "2026-11-20T10:15:30Z", "gtin", EM300, "serial", "EM300-00002",
                "attributes", Map.of("category", "descaling"))).status()).isEqualTo(202);

        // the ledger fails (the first delivery and one broker redelivery), the e-mail of the same decision goes out
        await().atMost(Duration.ofSeconds(20)).until(() -> hub.get(decisions).body().size() == 2
                && channels(hub.get(decisions).body().get(1)).equals(List.of("email:SENT", "ledger:FAILED")));
        JsonNode failed = hub.get("/api/ops/failures").body().get("actions");
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).get("channel").asText()).isEqualTo("ledger");
        assertThat(failed.get(0).get("attempts").asInt()).isEqualTo(2);
        assertThat(failed.get(0).get("lastError").asText()).isEqualTo("IllegalStateException: ledger refuses PART-DESCALER");
    }

    private static List<String> channels(JsonNode decision) {
        return java.util.stream.StreamSupport.stream(decision.get("actions").spliterator(), false)
                .map(a -> a.get("channel").asText() + ":" + a.get("status").asText()).sorted().toList();
    }
}
