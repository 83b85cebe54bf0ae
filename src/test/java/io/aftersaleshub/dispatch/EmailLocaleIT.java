package io.aftersaleshub.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aftersaleshub.support.GreenMailPeer;
import io.aftersaleshub.support.HubClient;
import io.aftersaleshub.support.HubIntegrationTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Offer e-mails per locale with tracked and unsubscribe links, on real PostgreSQL, Artemis and GreenMail:
 * a German owner gets the German text and anyone else the English one; a click is recorded once and
 * redirected to the offer; the unsubscribe link's GET only asks, its POST withdraws consent, and the
 * owner's next offer is not e-mailed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // every moment of one owner is offered here: the frequency cap has its own test (GuardrailsIT)
        "hub.offers.cap.max-offers=1000",
        "hub.mail.host=127.0.0.1", "hub.mail.dev-mailbox=false", "hub.demo-data=false",
        "hub.links.public-url=https://hub.example.test", "hub.links.target=https://shop.example.test/products/{sku}?utm_source=email"})
class EmailLocaleIT extends HubIntegrationTest {

    static final String EM300 = "04098765000300";
    static final Pattern CLICK = Pattern.compile("https://hub\\.example\\.test(/r/[0-9a-f-]{36})");
    static final Pattern UNSUBSCRIBE = Pattern.compile("https://hub\\.example\\.test(/unsubscribe/[A-Za-z0-9_-]{44})");

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
    @LocalServerPort
    int port;

    HubClient hub;
    final String run = Long.toString(System.nanoTime(), 36);
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void catalogue() throws Exception {
        hub = new HubClient(rest);
        ObjectMapper json = new ObjectMapper();
        ObjectNode catalogue;
        try (InputStream in = new ClassPathResource("demo/catalog.json").getInputStream()) {
            catalogue = (ObjectNode) json.readTree(in);
        }
        var units = json.createArrayNode();
        for (int i = 0; i < 3; i++) {
            units.addObject().put("gtin", EM300).put("serial", serial(i)).put("batch", "IT").put("manufacturedOn", "2026-01-10");
        }
        catalogue.set("units", units);
        assertThat(hub.post("/api/catalog", catalogue).status()).isEqualTo(200);
    }

    @Test
    void aGermanOwnerGetsTheGermanTextAndEveryoneElseTheEnglishOne() throws Exception {
        String de = "de-" + run + "@example.test";
        String en = "en-" + run + "@example.test";
        assertThat(hub.post("/api/registrations", registration(serial(0), de, "de-DE")).status()).isEqualTo(201);
        assertThat(hub.post("/api/registrations", registration(serial(1), en, null)).status()).isEqualTo(201);

        MimeMessage german = smtp.awaitMailTo(de, 1).get(0);
        assertThat(german.getSubject()).isEqualTo("2-year warranty extension (espresso machines): 20 % Rabatt");
        assertThat(text(german)).startsWith("Hallo Lena Beispiel,")
                .contains("danke, dass Sie Ihre EM-300 registriert haben")
                .contains("(WX-ESP-2Y), 20 % Rabatt bis ")
                .contains("Zum Angebot: https://hub.example.test/r/")
                .contains("Abmelden: https://hub.example.test/unsubscribe/");
        MimeMessage english = smtp.awaitMailTo(en, 1).get(0);
        assertThat(english.getSubject()).isEqualTo("2-year warranty extension (espresso machines): 20 % off");
        assertThat(text(english)).startsWith("Hello Lena Beispiel,").contains("See the offer: https://hub.example.test/r/")
                .contains("Unsubscribe: https://hub.example.test/unsubscribe/");
    }

    @Test
    void aClickIsRecordedOncePerDecisionAndRedirectsToTheOffer() throws Exception {
        String email = "click-" + run + "@example.test";
        assertThat(hub.post("/api/registrations", registration(serial(2), email, "en")).status()).isEqualTo(201);
        String body = text(smtp.awaitMailTo(email, 1).get(0));
        String path = find(CLICK, body);
        String decisionId = path.substring("/r/".length());

        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = send("GET", path);
            assertThat(r.statusCode()).isEqualTo(302);
            assertThat(r.headers().firstValue("Location")).contains("https://shop.example.test/products/WX-ESP-2Y?utm_source=email");
        }
        assertThat(jdbc.sql("SELECT count(*) FROM offer_click WHERE decision_id = CAST(? AS uuid)").param(decisionId)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(send("GET", "/r/" + java.util.UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/r/not-a-uuid").statusCode()).isEqualTo(400);
    }

    @Test
    void unsubscribeAsksOnGetWithdrawsOnPostAndTheNextOfferIsNotMailed() throws Exception {
        String email = "unsub-" + run + "@example.test";
        assertThat(hub.post("/api/registrations", registration(serial(0), email, "de")).status()).isEqualTo(201);
        String path = find(UNSUBSCRIBE, text(smtp.awaitMailTo(email, 1).get(0)));

        HttpResponse<String> asked = send("GET", path);
        assertThat(asked.statusCode()).isEqualTo(200);
        assertThat(asked.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(asked.body()).contains("<form method=\"post\" action=\"" + path + "\">").contains("<button");
        assertThat(consent(email)).isTrue();

        HttpResponse<String> done = send("POST", path);
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("You are unsubscribed");
        assertThat(consent(email)).isFalse();
        assertThat(send("POST", path).statusCode()).isEqualTo(200); // a second click changes nothing
        assertThat(consent(email)).isFalse();
        String forged = path.substring(0, path.length() - 4) + "AAAA";
        assertThat(send("POST", forged).statusCode()).isEqualTo(404);

        // the next moment decides for this owner, but no e-mail goes out any more
        assertThat(hub.post("/api/events", Map.of("type", "support.case_closed", "source", "crm", "sourceEventId", "case-" + run,
                "occurredAt", "2026-11-24T09:00:00Z", "gtin", EM300, "serial", serial(0),
                "attributes", Map.of("caseId", "case-" + run, "category", "descaling", "resolution", "resolved"))).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> hub.list("/api/units/" + EM300 + "/" + serial(0) + "/decisions").size() == 2);
        Thread.sleep(2000);
        assertThat(smtp.mailsTo(email)).hasSize(1);
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM outbound_action a JOIN decision d ON d.id = a.decision_id
                        JOIN owner o ON o.id = d.owner_id WHERE o.email = ?""").param(email)
                .query(Long.class).single()).isEqualTo(1);
    }

    // ---- helpers

    HttpResponse<String> send(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    boolean consent(String email) {
        return jdbc.sql("SELECT marketing_consent FROM owner WHERE email = ?").param(email).query(Boolean.class).single();
    }

    static String find(Pattern p, String text) {
        Matcher m = p.matcher(text);
        assertThat(m.find()).as("%s in %s", p, text).isTrue();
        return m.group(1);
    }

    static String text(MimeMessage m) throws Exception {
        return m.getContent().toString();
    }

    String serial(int i) {
        return "L" + run + "-" + i;
    }

    static Map<String, Object> registration(String serial, String email, String locale) {
        Map<String, Object> owner = new java.util.HashMap<>(Map.of("email", email, "name", "Lena Beispiel", "country", "DE",
                "marketingConsent", true));
        if (locale != null) {
            owner.put("locale", locale);
        }
        return Map.of("gtin", EM300, "serial", serial, "purchaseDate", LocalDate.now(ZoneOffset.UTC).minusDays(2).toString(),
                "channel", "web", "owner", owner);
    }
}
