package io.aftersaleshub.connector.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.aftersaleshub.measure.Conversion;
import io.aftersaleshub.measure.Conversions;
import io.aftersaleshub.support.GreenMailPeer;
import io.aftersaleshub.support.HubClient;
import io.aftersaleshub.support.HubIntegrationTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole way from a registration to money, on real PostgreSQL, Artemis, GreenMail as the SMTP server and
 * WireMock as the shop's Admin API: a registration with consent → the offer e-mail arrives with its tracked link and
 * discount code → following the link (twice) records one click → a signed Shopify {@code orders/create} by the same
 * customer with the offered SKU and the code → a conversion with the offered SKU's revenue on the REGISTRATION
 * decision → a signed {@code refunds/create} reverses it. {@code GET /api/decisions/{id}} shows each step: deliveries,
 * clicks, conversion.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hub.shopify.webhook-secrets=journey-secret",
        "hub.mail.host=127.0.0.1", "hub.mail.dev-mailbox=false",
        "hub.links.public-url=https://hub.example.test", "hub.links.target=https://shop.example.test/products/{sku}"})
class ConversionJourneyIT extends HubIntegrationTest {

    static final String EM300 = "04098765000300";
    static final String SERIAL = "EM300-00005";
    static final String SECRET = "journey-secret";
    static final String EMAIL = "journey@example.test";
    static final Pattern CLICK = Pattern.compile("https://hub\\.example\\.test(/r/[0-9a-f-]{36})");
    static final Pattern CODE = Pattern.compile("Your personal code (AH-[A-Z2-7]{12}) ");

    @RegisterExtension
    static GreenMailPeer smtp = new GreenMailPeer();
    static ShopifyAdminStub shop;

    @BeforeAll
    static void startShop() {
        shop = new ShopifyAdminStub();
        shop.answering();
    }

    @AfterAll
    static void stopShop() {
        shop.server.stop();
    }

    @DynamicPropertySource
    static void peers(DynamicPropertyRegistry registry) {
        registry.add("hub.mail.port", smtp::port);
        registry.add("hub.shopify.shop-url", () -> shop.url());
        registry.add("hub.shopify.admin-token", () -> ShopifyAdminStub.TOKEN);
    }

    @Autowired
    TestRestTemplate rest;
    @Autowired
    Conversions conversions;
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void registrationOfferMailClickOrderConversionAndRefund() throws Exception {
        HubClient hub = new HubClient(rest);
        // 1. registration with consent: the REGISTRATION decision offers the 2-year warranty extension at 20 % off
        assertThat(hub.post("/api/registrations", Map.of("gtin", EM300, "serial", SERIAL,
                "purchaseDate", LocalDate.now(ZoneOffset.UTC).toString(), "channel", "web",
                "owner", Map.of("email", EMAIL, "name", "Jo Journey", "country", "DE", "marketingConsent", true))).status())
                .isEqualTo(201);
        var decision = hub.get("/api/units/" + EM300 + "/" + SERIAL + "/decisions").body().get(0);
        assertThat(decision.get("moment").asText()).isEqualTo("REGISTRATION");
        assertThat(decision.get("offer").get("sku").asText()).isEqualTo("WX-ESP-2Y");
        UUID decisionId = UUID.fromString(decision.get("decisionId").asText());

        // 2. the offer e-mail reaches the SMTP server, with the tracked link and the decision's discount code
        MimeMessage mail = smtp.awaitMailTo(EMAIL, 1).get(0);
        String body = mail.getContent().toString();
        String link = find(CLICK, body);
        assertThat(link).isEqualTo("/r/" + decisionId);
        String code = find(CODE, body);
        assertThat(code).isEqualTo(DiscountCodes.forDecision(decisionId));
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "SELECT count(*) FROM shopify_discount_code WHERE decision_id = ?").param(decisionId).query(Long.class).single() == 1);

        // 3. the owner follows the link (a mail scanner had fetched it first): redirected each time, one click recorded
        Instant beforeClick = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = get(link);
            assertThat(r.statusCode()).isEqualTo(302);
            assertThat(r.headers().firstValue("Location")).contains("https://shop.example.test/products/WX-ESP-2Y");
        }
        Instant afterClick = Instant.now();
        assertThat(jdbc.sql("SELECT count(*) FROM offer_click WHERE decision_id = ?").param(decisionId).query(Long.class).single())
                .isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> hub.get("/api/decisions/" + decisionId).body().get("deliveries")
                .findValuesAsText("status").equals(List.of("SENT", "SENT")));
        JsonNode clicked = hub.get("/api/decisions/" + decisionId).body();
        assertThat(clicked.get("deliveries").findValuesAsText("channel")).containsExactly("email", "shopify-discount");
        for (JsonNode d : clicked.get("deliveries")) {
            Instant at = Instant.parse(d.get("at").asText());
            assertThat(at).isAfterOrEqualTo(Instant.parse(clicked.get("decidedAt").asText())).isBeforeOrEqualTo(beforeClick);
        }
        assertThat(clicked.get("clicks").get("count").asInt()).isEqualTo(2);
        Instant firstClick = Instant.parse(clicked.get("clicks").get("firstAt").asText());
        assertThat(firstClick).isBetween(beforeClick, afterClick);
        assertThat(clicked.get("conversion").isNull()).isTrue();

        // 4. the owner orders in the shop: the offered SKU with the code, and a milk jug nobody offered
        Instant placedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofMinutes(5));
        deliver("orders/create", "journey-order", ShopifyTestShop.order(880001, "Journey@Example.test", placedAt,
                List.of(new ShopifyTestShop.Line("WX-ESP-2Y", 1, "63.20"), new ShopifyTestShop.Line("ACC-MILK-JUG", 1, "24.50")),
                List.of(code)));
        await().atMost(Duration.ofSeconds(20)).until(() -> conversions.of(decisionId).isPresent());

        // 5. the REGISTRATION decision converted, with the offered SKU's revenue only
        Conversion c = conversions.of(decisionId).orElseThrow();
        assertThat(c.orderRef()).isEqualTo("880001");
        assertThat(c.matchedBy()).isEqualTo(Conversion.MatchedBy.DISCOUNT_CODE);
        assertThat(c.revenue()).isEqualByComparingTo("63.20");
        assertThat(c.currency()).isEqualTo("EUR");
        assertThat(c.at()).isEqualTo(placedAt);
        assertThat(c.reversed()).isFalse();
        JsonNode converted = hub.get("/api/decisions/" + decisionId).body();
        assertThat(converted.get("moment").asText()).isEqualTo("REGISTRATION");
        assertThat(converted.get("conversion").get("orderRef").asText()).isEqualTo("880001");
        assertThat(converted.get("conversion").get("revenue").decimalValue()).isEqualByComparingTo("63.20");
        assertThat(converted.get("conversion").get("currency").asText()).isEqualTo("EUR");
        assertThat(Instant.parse(converted.get("conversion").get("at").asText())).isEqualTo(placedAt);
        assertThat(converted.get("conversion").get("refunded").decimalValue()).isEqualByComparingTo("0");
        assertThat(converted.get("conversion").get("reversedAt").isNull()).isTrue();
        assertThat(converted.get("clicks").get("count").asInt()).isEqualTo(2);
        assertThat(Instant.parse(converted.get("clicks").get("firstAt").asText())).isEqualTo(firstClick);

        // 6. the shop refunds the warranty extension: the conversion is reversed
        deliver("refunds/create", "journey-refund", ShopifyTestShop.refund(990001, 880001, Map.of("WX-ESP-2Y", "63.20")));
        await().atMost(Duration.ofSeconds(20)).until(() -> conversions.of(decisionId).orElseThrow().reversed());
        Conversion reversed = conversions.of(decisionId).orElseThrow();
        assertThat(reversed.refunded()).isEqualByComparingTo("63.20");
        assertThat(reversed.revenue()).isEqualByComparingTo("63.20");
        assertThat(reversed.orderRef()).isEqualTo("880001");
        JsonNode refunded = hub.get("/api/decisions/" + decisionId).body().get("conversion");
        assertThat(refunded.get("orderRef").asText()).isEqualTo("880001");
        assertThat(refunded.get("revenue").decimalValue()).isEqualByComparingTo("63.20");
        assertThat(refunded.get("refunded").decimalValue()).isEqualByComparingTo("63.20");
        assertThat(Instant.parse(refunded.get("reversedAt").asText())).isEqualTo(reversed.reversedAt());
    }

    private void deliver(String topic, String eventId, byte[] body) {
        assertThat(ShopifyTestShop.deliverSigned(rest, topic, eventId, body, SECRET).getStatusCode().value()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String find(Pattern p, String text) {
        Matcher m = p.matcher(text);
        assertThat(m.find()).as("%s in %s", p, text).isTrue();
        return m.group(1);
    }
}
