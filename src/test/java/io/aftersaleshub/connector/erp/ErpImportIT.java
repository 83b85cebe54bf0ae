package io.aftersaleshub.connector.erp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftersaleshub.support.HubIntegrationTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * ERP files through the watched inbox folder and through {@code POST /api/imports}, on real PostgreSQL:
 * each kind applied and moved to done/, a bad file refused whole with a report naming line and field,
 * the same file again changing nothing, progress readable while a large file imports.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"hub.demo-data=false"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ErpImportIT extends HubIntegrationTest {

    static final String KT10 = "04098765007002";

    @DynamicPropertySource
    static void mailbox(DynamicPropertyRegistry registry) {
        devMailboxOnAFreePort(registry);
    }

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcClient jdbc;
    @Value("${hub.erp.inbox}")
    Path inbox;

    final ObjectMapper json = new ObjectMapper();

    @Test
    @Order(1)
    void eachKindDroppedIntoTheInboxIsAppliedAndMovedToDone() throws Exception {
        for (String kind : List.of("models", "items", "compatibility", "units", "purchases")) {
            drop(kind + ".csv", sample(kind + ".csv"));
            awaitIn("done", kind + ".csv");
        }
        assertThat(jdbc.sql("SELECT model_code || ':' || coalesce(successor_gtin, '-') FROM product_model ORDER BY gtin")
                .query(String.class).list()).containsExactly("KT-10:04098765007019", "KT-20:-");
        assertThat(jdbc.sql("SELECT sku || ':' || type || ':' || price || ':' || name FROM catalog_item ORDER BY sku")
                .query(String.class).list()).containsExactly("KT-CARE-SET:BUNDLE:34.90:Kettle care set",
                "KT-FILTER:PART:9.90:Limescale filter, kettle", "KT-WX-2Y:WARRANTY_PLAN:29.00:2-year warranty extension (kettles)");
        assertThat(jdbc.sql("SELECT item_sku FROM bundle_content WHERE bundle_sku = 'KT-CARE-SET' ORDER BY 1")
                .query(String.class).list()).containsExactly("KT-FILTER", "KT-WX-2Y");
        assertThat(jdbc.sql("SELECT sku || '@' || gtin FROM item_compatibility ORDER BY 1").query(String.class).list())
                .containsExactly("KT-CARE-SET@04098765007019", "KT-FILTER@04098765007002", "KT-FILTER@04098765007019",
                        "KT-WX-2Y@04098765007002");
        assertThat(jdbc.sql("SELECT serial || ':' || batch || ':' || manufactured_on || ':' || market FROM unit ORDER BY serial")
                .query(String.class).list()).containsExactly("KT10-00001:B2611:2026-11-02:DE", "KT10-00002:B2611:2026-11-02:DE",
                "KT20-00001:B2611:2026-11-03:AT");
        assertThat(jdbc.sql("""
                        SELECT o.email || ':' || p.sku || ':' || p.amount || ':' || p.source || ':' || to_char(p.purchased_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI')
                        FROM purchase p JOIN owner o ON o.id = p.owner_id ORDER BY p.sku""")
                .query(String.class).list()).containsExactly("lena@example.com:KT-FILTER:9.90:erp:2026-11-04 09:12",
                "lena@example.com:KT-WX-2Y:29.00:erp:2026-11-04 00:00");
        assertThat(jdbc.sql("SELECT kind || ':' || status || ':' || lines_read || ':' || lines_applied FROM erp_import ORDER BY started_at")
                .query(String.class).list()).containsExactly("models:DONE:2:2", "items:DONE:3:3", "compatibility:DONE:4:4",
                "units:DONE:3:3", "purchases:DONE:2:2");
        assertThat(inboxFiles()).isEmpty();
    }

    @Test
    @Order(2)
    void aBadFileMovesToErrorsWithAReportNamingEveryBadLineAndFieldAndChangesNothing() throws Exception {
        long units = count("unit");
        drop("units-bad.csv", sample("units-bad.csv"));
        Path moved = awaitIn("errors", "units-bad.csv");
        Path report = moved.resolveSibling(moved.getFileName() + ".report.txt");
        assertThat(report).exists();
        String text = Files.readString(report);
        assertThat(text).contains("refused, nothing was changed").contains("kind: units; lines read: 6; bad lines: 5")
                .contains("line 3, gtin: check digit must be 2")
                .contains("line 4, gtin: names no known model")
                .contains("line 5, serial: appears twice in this file for this GTIN (first on line 2)")
                .contains("line 6, manufacturedOn: must be a date such as 2026-01-31")
                .contains("line 7, line: has 3 fields; the header has 5")
                .doesNotContain("line 2,");
        assertThat(count("unit")).isEqualTo(units);
        assertThat(jdbc.sql("SELECT count(*) FROM unit WHERE serial = 'KT10-00101'").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT status || ':' || error_count FROM erp_import WHERE file_name = 'units-bad.csv'")
                .query(String.class).single()).isEqualTo("FAILED:5");
    }

    @Test
    @Order(3)
    void theSameFileAgainChangesNothingAndAnOverlappingOneAddsOnlyWhatIsNew() throws Exception {
        long units = count("unit");
        drop("units-again.csv", sample("units.csv"));
        awaitIn("done", "units-again.csv");
        assertThat(count("unit")).isEqualTo(units);
        assertThat(jdbc.sql("SELECT status FROM erp_import WHERE file_name = 'units-again.csv'").query(String.class).single())
                .isEqualTo("DUPLICATE");

        String overlapping = sample("units.csv") + KT10 + ",KT10-00003,B2611,2026-11-02,DE\n";
        drop("units-more.csv", overlapping);
        awaitIn("done", "units-more.csv");
        assertThat(count("unit")).isEqualTo(units + 1);
        assertThat(jdbc.sql("SELECT batch FROM unit WHERE serial = 'KT10-00001'").query(String.class).single()).isEqualTo("B2611");
    }

    @Test
    @Order(4)
    void theApiAnswers202WithProgressAndTheImportCanBeFollowedToItsEnd() throws Exception {
        int n = 120_000;
        StringBuilder csv = new StringBuilder("gtin,serial,batch,manufacturedOn,market\n");
        for (int i = 0; i < n; i++) {
            csv.append(KT10).append(",API-").append(i).append(",B-API,2026-11-10,DE\n");
        }
        long units = count("unit");
        ResponseEntity<String> r = post(csv.toString(), null);
        assertThat(r.getStatusCode().value()).isEqualTo(202);
        JsonNode accepted = json.readTree(r.getBody());
        String id = accepted.get("id").asText();
        assertThat(accepted.get("status").asText()).isIn("RECEIVED", "VALIDATING");
        assertThat(r.getHeaders().getLocation()).hasToString("/api/imports/" + id);

        List<JsonNode> seen = new java.util.ArrayList<>();
        JsonNode done = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonNode s = get(id);
            seen.add(s);
            return s;
        }, s -> !s.get("finishedAt").isNull());
        // the import was visible while it ran, and its progress never went backwards
        assertThat(seen.get(0).get("finishedAt").isNull()).isTrue();
        assertThat(seen.stream().map(s -> s.get("linesRead").asLong()).toList()).isSorted();
        assertThat(done.get("status").asText()).isEqualTo("DONE");
        assertThat(done.get("kind").asText()).isEqualTo("units");
        assertThat(done.get("linesRead").asLong()).isEqualTo(n);
        assertThat(done.get("linesApplied").asLong()).isEqualTo(n);
        assertThat(done.get("errors")).isEmpty();
        assertThat(done.get("startedAt").asText()).isNotBlank();
        assertThat(count("unit")).isEqualTo(units + n);
    }

    @Test
    @Order(5)
    void aBadUploadIsRefusedWith422NamingLineAndField() throws Exception {
        long purchases = count("purchase");
        String bad = """
                ownerEmail,sku,orderRef,amount,currency,purchasedAt
                ina@example.com,KT-FILTER,SO-9,9.90,EUR,2026-11-04T09:12:00Z
                not-an-email,KT-FILTER,SO-10,9.901,EURO,2026-11-04T09:12:00Z
                """;
        ResponseEntity<String> r = post(bad, "wait=30");
        assertThat(r.getStatusCode().value()).isEqualTo(422);
        assertThat(r.getHeaders().getContentType()).hasToString("application/problem+json");
        JsonNode problem = json.readTree(r.getBody());
        assertThat(problem.get("errorCount").asInt()).isEqualTo(3);
        assertThat(problem.get("errors").toString())
                .contains("{\"line\":3,\"field\":\"ownerEmail\",\"message\":\"is not a valid e-mail address\"}")
                .contains("{\"line\":3,\"field\":\"amount\",\"message\":\"must have at most 2 decimals\"}")
                .contains("{\"line\":3,\"field\":\"currency\",\"message\":\"must be a 3-letter ISO 4217 code\"}");
        assertThat(count("purchase")).isEqualTo(purchases);
        assertThat(get(problem.get("importId").asText()).get("status").asText()).isEqualTo("FAILED");

        ResponseEntity<String> unknown = post("what,is,this\n1,2,3\n", null);
        assertThat(unknown.getStatusCode().value()).isEqualTo(422);
        assertThat(json.readTree(unknown.getBody()).at("/errors/0/field").asText()).isEqualTo("header");
        assertThat(json.readTree(unknown.getBody()).at("/errors/0/message").asText()).contains("units (gtin, serial");

        ResponseEntity<String> good = post(sample("purchases.csv").replace("SO-2026-000812", "SO-2026-000900"), "wait=30");
        assertThat(good.getStatusCode().value()).isEqualTo(200);
        assertThat(json.readTree(good.getBody()).get("status").asText()).isEqualTo("DONE");
        assertThat(count("purchase")).isEqualTo(purchases + 2);
        assertThat(keyed(rest).getForEntity("/api/imports/" + java.util.UUID.randomUUID(), String.class).getStatusCode().value())
                .isEqualTo(404);
    }

    // ---- helpers

    ResponseEntity<String> post(String csv, String prefer) {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.parseMediaType("text/csv"));
        if (prefer != null) {
            h.set("Prefer", prefer);
        }
        return keyed(rest).exchange("/api/imports", HttpMethod.POST, new HttpEntity<>(csv, h), String.class);
    }

    JsonNode get(String id) throws IOException {
        ResponseEntity<String> r = keyed(rest).getForEntity("/api/imports/" + id, String.class);
        assertThat(r.getStatusCode().value()).isEqualTo(200);
        return json.readTree(r.getBody());
    }

    long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }

    static String sample(String name) throws IOException {
        return new ClassPathResource("erp/" + name).getContentAsString(StandardCharsets.UTF_8);
    }

    void drop(String name, String content) throws IOException {
        Files.createDirectories(inbox);
        Path tmp = inbox.resolve(name + ".part");
        Files.writeString(tmp, content);
        Files.move(tmp, inbox.resolve(name));
    }

    Path awaitIn(String folder, String name) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> {
            Path dir = inbox.resolve(folder);
            if (!Files.isDirectory(dir)) {
                return null;
            }
            try (Stream<Path> files = Files.list(dir)) {
                return files.filter(f -> f.getFileName().toString().endsWith("-" + name)).findFirst().orElse(null);
            }
        }, p -> p != null);
    }

    List<Path> inboxFiles() throws IOException {
        try (Stream<Path> files = Files.list(inbox)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
