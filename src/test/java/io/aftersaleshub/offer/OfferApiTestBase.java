package io.aftersaleshub.offer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aftersaleshub.support.HubClient;
import io.aftersaleshub.support.HubIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.io.ClassPathResource;

/**
 * Shared setup of the offer API tests: a hub with the dev mailbox on a free port and a clock the test moves,
 * the demo models with units {@code <run>-0 … <run>-7} of the EM-300 and the GR-40, registered on demand.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // every moment of one owner is offered here: the frequency cap has its own test (GuardrailsIT)
        "hub.offers.cap.max-offers=1000",
        "hub.demo-data=false", "hub.public-url=https://shop.example.test/", "hub.offers.window=10m"})
@Import(OfferApiTestBase.ClockConfig.class)
abstract class OfferApiTestBase extends HubIntegrationTest {

    static final String EM300 = "04098765000300";
    static final String GR40 = "04098765001406";

    @DynamicPropertySource
    static void mailbox(DynamicPropertyRegistry registry) {
        devMailboxOnAFreePort(registry);
    }

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MovableClock clock;

    HubClient hub;
    /** This test's serial prefix: units are {@code <run>-<i>}. */
    final String run = "T" + Long.toString(System.nanoTime(), 36).toUpperCase();

    @BeforeEach
    void units() {
        hub = new HubClient(rest);
        catalogue(hub, run, 8);
    }

    /** The hub's clock, running with real time plus an offset a test moves forward. */
    static final class MovableClock extends Clock {
        private volatile Duration offset = Duration.ZERO;

        void advance(Duration d) {
            offset = offset.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class ClockConfig {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }

    /** Uploads the demo catalogue with units {@code <prefix>-0 … <prefix>-(n-1)} of the EM-300 and the GR-40. */
    private static void catalogue(HubClient hub, String prefix, int n) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode catalogue;
        try (InputStream in = new ClassPathResource("demo/catalog.json").getInputStream()) {
            catalogue = (ObjectNode) json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ArrayNode units = json.createArrayNode();
        for (String gtin : new String[] {EM300, GR40}) {
            for (int i = 0; i < n; i++) {
                units.addObject().put("gtin", gtin).put("serial", prefix + "-" + i).put("batch", "IT")
                        .put("manufacturedOn", "2026-01-10").put("market", "DE");
            }
        }
        catalogue.set("units", units);
        assertThat(hub.post("/api/catalog", catalogue).status()).isEqualTo(200);
    }

    static void register(HubClient hub, String gtin, String serial, String email, boolean consent) {
        HubClient.Answer a = hub.post("/api/registrations", Map.of("gtin", gtin, "serial", serial,
                "purchaseDate", LocalDate.now(ZoneOffset.UTC).minusDays(200).toString(), "channel", "web",
                "owner", Map.of("email", email, "name", "Pat Example", "country", "DE", "marketingConsent", consent)));
        assertThat(a.status()).as("registration of %s/%s: %s", gtin, serial, a.body()).isEqualTo(201);
    }

    static String offerPath(String gtin, String serial) {
        return "/api/offers?gtin=" + gtin + "&serial=" + serial + "&moment=PARTS_VIEWED";
    }
}
