package io.aftersaleshub.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.aftersaleshub.support.HubClient;
import io.aftersaleshub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Who may do what, over real HTTP: API keys created, listed and revoked; people logging in with a form
 * (roles, CSRF); body limits (413 without reading the body); an idempotent repeat with other content (409).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hub.body-limit.max=64KB", "hub.body-limit.large=256KB"})
class AccessIT extends HubIntegrationTest {

    static final String EM300 = "04098765000300";

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        devMailboxOnAFreePort(registry);
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        registry.add("hub.access.users", () -> "mia:MARKETING:{bcrypt}" + bcrypt.encode("mia-secret")
                + ",ada:ADMIN:{bcrypt}" + bcrypt.encode("ada-secret"));
    }

    @Autowired
    TestRestTemplate rest;

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    @Test
    void aKeyIsShownOnceStoredHashedLimitedToItsScopesAndRevokedAtOnce() {
        HubClient admin = new HubClient(rest);
        HubClient.Answer created = admin.post("/api/keys", Map.of("name", "crm", "scopes", List.of("ingest")));
        assertThat(created.status()).isEqualTo(201);
        String key = created.body().get("key").asText();
        String id = created.body().get("id").asText();
        assertThat(key).startsWith("hub_").hasSizeGreaterThan(40);
        assertThat(created.body().get("scopes")).hasSize(1);
        assertThat(created.body().get("scopes").get(0).asText()).isEqualTo("ingest");

        // listed without the key; stored as its SHA-256 only
        HubClient.Answer listed = admin.get("/api/keys");
        assertThat(listed.body().toString()).contains(id).contains("\"bootstrap\":true").doesNotContain(key);
        byte[] stored = jdbc.sql("SELECT key_hash FROM api_key WHERE id = ?::uuid").param(id).query(byte[].class).single();
        assertThat(HexFormat.of().formatHex(stored)).isEqualTo(HexFormat.of().formatHex(ApiKeys.sha256(key)));

        HubClient crm = admin.withKey(key);
        HubClient.Answer event = crm.post("/api/events", Map.of("type", "parts.viewed", "source", "crm", "sourceEventId",
                "k-1", "occurredAt", "2026-11-20T10:15:30Z", "gtin", EM300, "serial", "EM300-00001", "attributes", Map.of()));
        assertThat(event.status()).isEqualTo(202);
        HubClient.Answer forbidden = crm.get("/api/ops/failures");
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.body().get("detail").asText()).isEqualTo("This endpoint needs scope 'ops'; this key has ingest.");
        assertThat(crm.post("/api/keys", Map.of("name", "mine", "scopes", List.of("admin"))).status()).isEqualTo(403);

        assertThat(admin.delete("/api/keys/" + id).status()).isEqualTo(204);
        HubClient.Answer revoked = crm.post("/api/events", Map.of("type", "parts.viewed", "source", "crm", "sourceEventId",
                "k-2", "occurredAt", "2026-11-20T10:15:30Z", "gtin", EM300, "serial", "EM300-00001", "attributes", Map.of()));
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.body().get("detail").asText()).contains("not known or was revoked");
        assertThat(admin.delete("/api/keys/" + id).status()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT count(*) FROM hub_event WHERE source_event_id = 'k-2'").query(Integer.class).single()).isZero();
    }

    @Test
    void aKeyRequestNamesUnknownScopesAndMissingFields() {
        HubClient.Answer bad = new HubClient(rest).post("/api/keys", Map.of("scopes", List.of("ingest", "superuser")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().get("errors").toString()).contains("\"field\":\"name\"").contains("\"field\":\"scopes[1]\"");
        HubClient.Answer noKey = new HubClient(rest, null).get("/api/keys");
        assertThat(noKey.status()).isEqualTo(401);
        assertThat(noKey.body().get("detail").asText()).contains("X-Api-Key");
    }

    @Test
    void peopleLogInWithAFormAndGetTheirRolesScopesWithCsrfOnTheirSession() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String base = "http://127.0.0.1:" + port;
        // a browser asking for a protected page is sent to the login form
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(base + "/swagger-ui.html"))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/login");

        assertThat(login(browser, base, "mia", "wrong").headers().firstValue("Location").orElseThrow()).contains("/login?error");
        HttpResponse<String> in = login(browser, base, "mia", "mia-secret");
        assertThat(in.statusCode()).isEqualTo(302);
        assertThat(in.headers().firstValue("Location").orElseThrow()).endsWith("/swagger-ui.html");

        // MARKETING reads results, nothing else
        assertThat(get(browser, base + "/api/units/" + EM300 + "/EM300-00002/decisions").statusCode()).isEqualTo(200);
        assertThat(get(browser, base + "/v3/api-docs").statusCode()).isEqualTo(200);
        HttpResponse<String> ops = get(browser, base + "/api/ops/failures");
        assertThat(ops.statusCode()).isEqualTo(403);
        assertThat(ops.body()).contains("needs scope 'ops'; you have read");

        // ADMIN may post, but a session's unsafe request needs the CSRF token
        HttpClient admin = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        login(admin, base, "ada", "ada-secret");
        HttpResponse<String> noToken = admin.send(HttpRequest.newBuilder(URI.create(base + "/api/ops/failures/retry"))
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(noToken.body()).contains("CSRF");
        assertThat(get(admin, base + "/api/ops/failures").statusCode()).isEqualTo(200);
    }

    @Test
    void aBodyOverTheLimitIs413WithoutBeingRead() throws Exception {
        // declared too large: refused after a few bytes, the rest never sent
        String declared = raw("POST /api/events HTTP/1.1\r\nHost: x\r\nX-Api-Key: " + API_KEY + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: 10000000\r\n\r\n[{\"type\":");
        assertThat(declared).startsWith("HTTP/1.1 413").contains("application/problem+json")
                .contains("larger than the limit of 65536 bytes");

        // chunked: counted while read, refused once past the limit, though the body never ends
        StringBuilder chunked = new StringBuilder("POST /api/events HTTP/1.1\r\nHost: x\r\nX-Api-Key: " + API_KEY
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
        String chunk = "[" + " ".repeat(8190) + "\n";
        for (int i = 0; i < 10; i++) {
            chunked.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
            chunk = " ".repeat(8192);
        }
        String counted = raw(chunked.toString());
        assertThat(counted).startsWith("HTTP/1.1 413").contains("larger than the limit of 65536 bytes");

        // a form body is read by a filter before Spring MVC (FormContentFilter, for PUT): counted all the same
        StringBuilder form = new StringBuilder("PUT /api/ops/failures HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n");
        String field = "a=" + "b".repeat(8190);
        for (int i = 0; i < 10; i++) {
            form.append(Integer.toHexString(field.length())).append("\r\n").append(field).append("\r\n");
            field = "b".repeat(8192);
        }
        assertThat(raw(form.toString())).startsWith("HTTP/1.1 413").contains("larger than the limit of 65536 bytes");

        // an import path takes more
        String catalogue = "{\"models\":[],\"items\":[],\"units\":[]}" + " ".repeat(100_000);
        assertThat(new HubClient(rest).post("/api/catalog", catalogue).status()).isEqualTo(200);
        assertThat(new HubClient(rest).post("/api/catalog", catalogue + " ".repeat(200_000)).status()).isEqualTo(413);
    }

    @Test
    void aRepeatedRegistrationOrPurchaseWithOtherContentIs409NamingTheDifference() {
        HubClient hub = new HubClient(rest);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        Map<String, Object> owner = Map.of("email", "rita@example.test", "name", "Rita", "country", "DE", "marketingConsent", true);
        Map<String, Object> registration = Map.of("gtin", EM300, "serial", "EM300-00004", "purchaseDate", today, "owner", owner);
        HubClient.Answer first = hub.post("/api/registrations", registration);
        assertThat(first.status()).isEqualTo(201);
        HubClient.Answer same = hub.post("/api/registrations", registration);
        assertThat(same.status()).isEqualTo(200);
        assertThat(same.body().get("registrationId")).isEqualTo(first.body().get("registrationId"));

        HubClient.Answer other = hub.post("/api/registrations", Map.of("gtin", EM300, "serial", "EM300-00004",
                "purchaseDate", "2026-01-02", "owner", Map.of("email", "rita@example.test", "name", "Rita", "country", "DE",
                        "marketingConsent", false)));
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.body().get("errors").toString())
                .contains("\"field\":\"owner.marketingConsent\"").contains("\"field\":\"purchaseDate\"").doesNotContain("owner.name");
        assertThat(jdbc.sql("SELECT marketing_consent FROM owner WHERE email = 'rita@example.test'").query(Boolean.class).single())
                .isTrue();

        Map<String, Object> purchase = Map.of("ownerEmail", "rita@example.test", "sku", "WX-ESP-2Y", "orderRef", "SHOP-9",
                "amount", 79.00, "currency", "EUR", "purchasedAt", "2026-10-01T09:00:00Z", "source", "shop");
        assertThat(hub.post("/api/purchases", purchase).status()).isEqualTo(201);
        HubClient.Answer again = hub.post("/api/purchases", Map.of("ownerEmail", "rita@example.test", "sku", "WX-ESP-2Y",
                "orderRef", "SHOP-9", "amount", 79.0, "currency", "eur", "purchasedAt", "2026-10-01T10:00:00+01:00", "source", "shop"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("duplicate").asBoolean()).isTrue();
        HubClient.Answer conflict = hub.post("/api/purchases", Map.of("ownerEmail", "someone@example.test", "sku", "WX-ESP-2Y",
                "orderRef", "SHOP-9", "amount", 89.00, "currency", "EUR", "purchasedAt", "2026-10-01T09:00:00Z", "source", "shop"));
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.body().get("errors").toString()).contains("\"field\":\"amount\"").contains("\"field\":\"ownerEmail\"")
                .doesNotContain("currency").doesNotContain("purchasedAt");
        // the refused repeat wrote nothing, not even the owner it named
        assertThat(jdbc.sql("SELECT count(*) FROM owner WHERE email = 'someone@example.test'").query(Integer.class).single()).isZero();
    }

    private static HttpResponse<String> get(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> login(HttpClient browser, String base, String user, String password) throws Exception {
        HttpResponse<String> form = browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form.body());
        assertThat(csrf.find()).as("login form with a CSRF token: %s", form.body()).isTrue();
        String body = "username=" + user + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        return browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Writes a request as given and returns what the hub answers before the client sends anything more. */
    private String raw(String request) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            try {
                while ((n = in.read(buf)) > 0) {
                    answer.write(buf, 0, n);
                    if (answer.toString(StandardCharsets.UTF_8).contains("\"errors\"")) {
                        break;
                    }
                }
            } catch (java.net.SocketException e) {
                // the hub closed the connection after answering
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
