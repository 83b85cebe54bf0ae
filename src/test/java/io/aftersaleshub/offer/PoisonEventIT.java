package io.aftersaleshub.offer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.aftersaleshub.dispatch.ActionChannel;
import io.aftersaleshub.rules.vocabulary.Moment;
import io.aftersaleshub.support.FreePort;
import io.aftersaleshub.support.HubClient;
import io.aftersaleshub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One poison event inside a batch: a channel that fails for one unit makes the whole batch roll back;
 * the decide step then decides the batch's events one by one, parks the poison one as FAILED with its
 * error, and decides every other event exactly once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hub.decide.workers=1", "hub.decide.batch-size=500", "hub.decide.poll=5s"})
class PoisonEventIT extends HubIntegrationTest {

    static final String EM300 = "04098765000300";
    static final String POISON_SERIAL = "EM300-00005";

    @TestConfiguration
    static class PoisonChannel {
        /** A broken channel (a bug in a new sink's registration): throws for one unit's support closes. */
        @Bean
        ActionChannel poisonChannel() {
            return new ActionChannel() {
                @Override
                public String name() {
                    return "poison";
                }

                @Override
                public Optional<Map<String, Object>> payloadFor(OfferDecided d) {
                    if (d.moment() == Moment.SUPPORT_CLOSED && POISON_SERIAL.equals(d.unit().serial())) {
                        throw new IllegalStateException("poison channel cannot handle " + d.unit().serial());
                    }
                    return Optional.empty();
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
    @Autowired
    JdbcClient jdbc;

    @Test
    void thePoisonEventIsParkedWithItsErrorAndTheOthersAreDecidedOnce() {
        HubClient hub = new HubClient(rest);
        for (int i = 1; i <= 5; i++) {
            String serial = "EM300-0000" + i;
            assertThat(hub.post("/api/registrations", Map.of("gtin", EM300, "serial", serial,
                    "purchaseDate", LocalDate.now(ZoneOffset.UTC).toString(),
                    "owner", Map.of("email", "p" + i + "@example.test", "name", "P" + i, "country", "DE",
                            "marketingConsent", false))).status()).isEqualTo(201);
        }
        List<Map<String, Object>> events = new ArrayList<>();
        for (int n = 0; n < 40; n++) {
            String serial = "EM300-0000" + (n % 4 + 1);
            events.add(caseClosed("case-" + n, serial));
        }
        events.add(20, caseClosed("case-poison", POISON_SERIAL));

        HubClient.Answer a = hub.post("/api/events", events);
        assertThat(a.status()).isEqualTo(202);
        assertThat(a.body()).hasSize(41).allMatch(r -> r.get("status").asText().equals("accepted"));

        await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT count(*) FROM hub_event WHERE source = 'it-crm' AND status = 'RECEIVED'") == 0);
        assertThat(count("SELECT count(*) FROM hub_event WHERE source = 'it-crm' AND status = 'DECIDED'")).isEqualTo(40);
        assertThat(jdbc.sql("SELECT status || ': ' || last_error FROM hub_event WHERE source_event_id = 'case-poison'")
                .query(String.class).single()).isEqualTo("FAILED: IllegalStateException: poison channel cannot handle " + POISON_SERIAL);
        // every other event exactly one decision, the poison one none
        assertThat(count("""
                SELECT count(*) FROM hub_event e JOIN decision d ON d.event_id = e.id WHERE e.source = 'it-crm'""")).isEqualTo(40);
        assertThat(count("""
                SELECT count(*) FROM decision d JOIN hub_event e ON d.event_id = e.id WHERE e.source_event_id = 'case-poison'""")).isZero();
        HubClient.Answer failures = hub.get("/api/ops/failures");
        assertThat(failures.body().get("events")).hasSize(1);
        assertThat(failures.body().at("/events/0/sourceEventId").asText()).isEqualTo("case-poison");
    }

    private static Map<String, Object> caseClosed(String id, String serial) {
        return Map.of("type", "support.case_closed", "source", "it-crm", "sourceEventId", id,
                "occurredAt", "2026-11-20T10:15:30Z", "gtin", EM300, "serial", serial,
                "attributes", Map.of("caseId", id, "category", "descaling", "resolution", "resolved"));
    }

    private int count(String sql) {
        return jdbc.sql(sql).query(Integer.class).single();
    }
}
