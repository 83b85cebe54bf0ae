package io.aftersaleshub.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aftersaleshub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Bad input over the write endpoints (events, registrations, purchases, catalogue): each valid body is
 * mutated field by field (wrong types, numbers where text or booleans belong, nulls, missing and unknown
 * fields, very long strings, control characters, odd unicode, injection strings) and as a whole (malformed
 * and truncated JSON, trailing garbage, duplicate keys, deep nesting, a huge body, YAML, wrong content
 * types, invalid UTF-8). Every answer must be a 4xx problem detail, never 5xx, and no table may change.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BadInputFuzzIT extends HubIntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(BadInputFuzzIT.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /**
     * Every table a bad request could write to. Not counted: {@code erp_import} and {@code rule_version} (+ files),
     * which record each file given to the hub, refused ones too, by design (the import history, the refused version
     * an analyst fixes).
     */
    private static final List<String> TABLES = List.of("product_model", "catalog_item", "item_compatibility", "bundle_content",
            "unit", "owner", "ownership", "purchase", "hub_event", "decision", "outbound_action", "ownership_transfer",
            "offer_redemption", "api_key", "shopify_webhook", "shopify_discount_code", "measure_conversion", "offer_click");
    private static final String SHOPIFY_SECRET = "bad-input-fuzz-shopify-secret";

    /** Fields that may be left out, null or blank (blank is the same as left out): not bad input there. */
    private static final Map<String, java.util.Set<String>> OPTIONAL = Map.of(
            "/api/registrations", java.util.Set.of("/channel"),
            "/api/transfers", java.util.Set.of(),
            "/api/transfers/fuzz-token/complete", java.util.Set.of("/owner/locale"),
            "/api/keys", java.util.Set.of(),
            "/api/events", java.util.Set.of("/ownerEmail", "/attributes"),
            "/api/purchases", java.util.Set.of(),
            "/api/catalog", java.util.Set.of("/units", "/units/0/batch", "/units/0/manufacturedOn", "/units/0/market"));
    /** Free-form values (an event's attributes): any JSON value is valid there. */
    private static final java.util.Set<String> FREE = java.util.Set.of("/attributes/page");
    /** Free text (names, references, serials of units the hub may not know): quotes, markup or paths are valid text there. */
    private static final java.util.Set<String> FREE_TEXT = java.util.Set.of("/channel", "/owner/name", "/source", "/sourceEventId",
            "/serial", "/orderRef", "/units/0/serial", "/units/0/batch", "/units/0/market", "/name");
    /** Valid characters that look like attacks: refused only where the format is fixed (GTINs, e-mails, codes, dates). */
    private static final java.util.Set<String> LOOKS_BAD = java.util.Set.of("'; DROP TABLE owner; --", "\" OR 1=1 --",
            "<script>alert(1)</script>", "${jndi:ldap://127.0.0.1/a}", "../../etc/passwd", "%00", "２０２６-１１-２０", "1e309");

    private static final String LONE_SURROGATE = "LONE-SURROGATE-MARK";

    @DynamicPropertySource
    static void mailbox(DynamicPropertyRegistry registry) {
        devMailboxOnAFreePort(registry);
        registry.add("hub.shopify.webhook-secrets", () -> SHOPIFY_SECRET);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> wrong = new ArrayList<>();
    private int tried;

    @Test
    void everyBadInputIsA4xxProblemAndWritesNothing() throws Exception {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("/api/registrations", """
                {"gtin":"04098765000300","serial":"EM300-00002","purchaseDate":"%s","channel":"web",
                 "owner":{"email":"fuzz@example.test","name":"Fuzz Owner","country":"DE","marketingConsent":true}}""".formatted(today));
        bodies.put("/api/events", """
                {"type":"parts.viewed","source":"fuzz","sourceEventId":"fz-1","occurredAt":"2026-11-20T10:00:00Z",
                 "gtin":"04098765000300","serial":"EM300-00002","ownerEmail":"fuzz@example.test","attributes":{"page":"x"}}""");
        bodies.put("/api/purchases", """
                {"ownerEmail":"fuzz@example.test","sku":"WX-ESP-2Y","orderRef":"FZ-1","amount":79.00,"currency":"EUR",
                 "purchasedAt":"2026-10-01T09:00:00Z","source":"shop"}""");
        bodies.put("/api/catalog", """
                {"units":[{"gtin":"04098765000300","serial":"FZ-UNIT-1","batch":"b1","manufacturedOn":"2026-01-15","market":"DE"}]}""");
        // the unit has no registered owner: a transfer of it is refused (409) even when the body is right
        bodies.put("/api/transfers", """
                {"gtin":"04098765000300","serial":"EM300-00002","newOwnerEmail":"fuzz2@example.test"}""");
        // no such token: a right body is refused (404)
        bodies.put("/api/transfers/fuzz-token/complete", """
                {"owner":{"email":"fuzz2@example.test","name":"Fuzz Two","country":"DE","marketingConsent":true,"locale":"de"}}""");
        // the one body here that would write if sent as it is (a new key): only its bad variants are sent
        bodies.put("/api/keys", """
                {"name":"fuzz-key","scopes":["ingest"]}""");
        Map<String, Integer> before = counts();

        for (Map.Entry<String, String> e : bodies.entrySet()) {
            String path = e.getKey();
            JsonNode base = JSON.readTree(e.getValue());
            java.util.Set<String> optional = OPTIONAL.get(path);
            for (String pointer : leaves(base, "")) {
                if (FREE.contains(pointer)) {
                    continue;
                }
                for (JsonNode bad : wrongValues(base.at(pointer))) {
                    if (optional.contains(pointer) && (bad.isNull() || bad.isTextual() && bad.asText().isBlank())
                            || FREE_TEXT.contains(pointer) && bad.isTextual() && LOOKS_BAD.contains(bad.asText())
                            || pointer.equals("/attributes") && bad.isObject()) {
                        continue;
                    }
                    // an unpaired surrogate cannot be UTF-8: it travels as the JSON escape \ud800
                    send(path, "application/json", replaced(base, pointer, bad).toString().replace(LONE_SURROGATE, "\\ud800")
                                    .getBytes(StandardCharsets.UTF_8),
                            pointer + " = " + abbreviate(bad.toString()));
                }
                if (!optional.contains(pointer)) {
                    send(path, "application/json", removed(base, pointer).toString().getBytes(StandardCharsets.UTF_8), "without " + pointer);
                }
                if (base.at(pointer).isTextual()) {
                    byte[] utf8 = replaced(base, pointer, F.textNode("\u0001MARK")).toString().getBytes(StandardCharsets.UTF_8);
                    send(path, "application/json", invalidUtf8(utf8), pointer + " with invalid UTF-8");
                    send(path, "application/json;charset=UTF-8", invalidUtf8(utf8), pointer + " with invalid UTF-8 (charset given)");
                }
            }
            for (String container : containers(base, "").stream().filter(c -> !c.startsWith("/attributes")).toList()) {
                ObjectNode extra = (ObjectNode) base.deepCopy().at(container);
                JsonNode copy = base.deepCopy();
                ((ObjectNode) copy.at(container)).put("unexpectedFieldX", "x");
                send(path, "application/json", copy.toString().getBytes(StandardCharsets.UTF_8), "unknown field in " + container);
                assertThat(extra).isNotNull();
            }
            String text = base.toString();
            for (int cut = 1; cut < text.length(); cut += Math.max(1, text.length() / 12)) {
                send(path, "application/json", text.substring(0, cut).getBytes(StandardCharsets.UTF_8), "truncated at " + cut);
            }
            for (String garbage : List.of("}", "x", "{}", " []", ",", " 1", "\u0000", " // comment", "<xml/>")) {
                send(path, "application/json", (text + garbage).getBytes(StandardCharsets.UTF_8), "trailing " + abbreviate(garbage));
            }
            for (String body : List.of("", " ", "null", "123", "\"text\"", "true", "{", path.equals("/api/catalog") ? "[]" : "{}", "[", "{\"gtin\":}", "{'gtin':'x'}",
                    "{\"a\":1,}", "/* c */ {}", "{\"gtin\":\"04098765000300\",\"gtin\":\"04098765000300\"}",
                    text.replaceFirst("\\{", "{\"gtin\":\"04098765000300\","), text.replace(":", "="))) {
                send(path, "application/json", body.getBytes(StandardCharsets.UTF_8), "malformed " + abbreviate(body));
            }
            send(path, "application/json", ("[".repeat(50_000) + "]".repeat(50_000)).getBytes(StandardCharsets.UTF_8), "deep arrays");
            send(path, "application/json", ("{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000)).getBytes(StandardCharsets.UTF_8), "deep objects");
            send(path, "application/json", replaced(base, leaves(base, "").get(0), F.textNode("a".repeat(3_000_000))).toString()
                    .getBytes(StandardCharsets.UTF_8), "3 MB string");
            String yaml = toYaml(base, "");
            for (String type : List.of("application/yaml", "application/x-yaml", "text/yaml", "application/toml")) {
                send(path, type, yaml.getBytes(StandardCharsets.UTF_8), "YAML as " + type);
            }
            send(path, "application/json", yaml.getBytes(StandardCharsets.UTF_8), "YAML as application/json");
            for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                    "application/octet-stream", "application/cbor", "application/x-jackson-smile")) {
                send(path, type, text.getBytes(StandardCharsets.UTF_8), "content type " + type);
            }
            send(path, null, text.getBytes(StandardCharsets.UTF_8), "no content type");
        }
        int json = tried;
        shopifyWebhook();
        imports();
        rulesUploadAndSimulation();
        offerApi();
        pathIds();
        log.info("BadInputFuzzIT: {} bad inputs tried ({} JSON bodies, {} webhook, imports, rules, offer API and path ids), "
                + "{} answered wrongly", tried, json, tried - json, wrong.size());
        java.nio.file.Files.write(java.nio.file.Path.of("target", "bad-input-fuzz.txt"),
                String.join("\n", wrong).getBytes(StandardCharsets.UTF_8));
        assertThat(wrong).as("answers that were not a 4xx problem detail (of %d inputs)", tried).isEmpty();
        assertThat(counts()).as("rows in every table").isEqualTo(before);
    }

    /** Values of the wrong type, shape or content for the place of {@code original}. */
    private static List<JsonNode> wrongValues(JsonNode original) {
        List<JsonNode> out = new ArrayList<>(List.of(F.numberNode(-999999999999L), F.arrayNode().add("x"),
                F.objectNode().put("x", 1), F.nullNode()));
        if (!original.isNumber()) {
            out.add(F.numberNode(1.5));
        }
        if (!original.isBoolean()) {
            out.add(F.booleanNode(true));
        }
        if (!original.isNumber()) {
            out.add(F.numberNode(0));
            out.add(F.numberNode(1));
        }
        if (original.isBoolean()) {
            out.addAll(List.of(F.textNode("true"), F.textNode("yes"), F.textNode("1")));
        }
        if (original.isNumber()) {
            out.addAll(List.of(F.textNode("79.00"), F.textNode("NaN"), F.numberNode(new java.math.BigDecimal("1e400")),
                    F.numberNode(-1), F.numberNode(new java.math.BigDecimal("0.001"))));
        }
        if (original.isTextual()) {
            for (String s : List.of("", "   ", "a".repeat(20_000), "x\u0000y", "x\u0007y", "\u001b[31mred", "line\nbreak",
                    LONE_SURROGATE, "\uFEFF" + original.asText(), original.asText() + "\u200B", "\u202Eevil", "'; DROP TABLE owner; --",
                    "\" OR 1=1 --", "<script>alert(1)</script>", "${jndi:ldap://127.0.0.1/a}", "../../etc/passwd", "%00",
                    "２０２６-１１-２０", "1e309")) {
                out.add(F.textNode(s));
            }
        }
        return out;
    }

    private void send(String path, String contentType, byte[] body, String what) throws Exception {
        send("POST", path, contentType, body, what, Map.of());
    }

    /** Sends one bad request with the bootstrap API key (every scope: a refusal must be about the input, never a 401). */
    private void send(String method, String path, String contentType, byte[] body, String what, Map<String, String> headers)
            throws Exception {
        tried++;
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                .header("X-Api-Key", API_KEY);
        if (contentType != null) {
            r.header("Content-Type", contentType);
        }
        headers.forEach(r::header);
        HttpResponse<String> a = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
        String type = a.headers().firstValue("Content-Type").orElse("");
        boolean problem = type.startsWith("application/problem+json") && a.body().contains("\"status\":" + a.statusCode());
        if (a.statusCode() < 400 || a.statusCode() >= 500 || !problem) {
            wrong.add(method + " " + abbreviate(path) + " " + what + " -> " + a.statusCode() + " " + abbreviate(a.body()));
        }
    }

    /**
     * {@code /webhooks/shopify}: unsigned or wrongly signed deliveries are 401 whatever they hold; signed ones that
     * are no JSON object (malformed, truncated, trailing garbage, invalid UTF-8, deep nesting, YAML), or lack the
     * topic or delivery id, are 400 — and none is stored.
     */
    private void shopifyWebhook() throws Exception {
        byte[] order = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("connectors/shopify/samples/order-450789469.json"));
        String text = new String(order, StandardCharsets.UTF_8).strip();
        List<byte[]> bad = new ArrayList<>();
        for (int cut = 1; cut < text.length(); cut += Math.max(1, text.length() / 10)) {
            bad.add(text.substring(0, cut).getBytes(StandardCharsets.UTF_8));
        }
        for (String garbage : List.of("}", "x", "{}", " []", ",", "\u0000", "<xml/>")) {
            bad.add((text + garbage).getBytes(StandardCharsets.UTF_8));
        }
        for (String body : List.of(" ", "null", "123", "\"text\"", "true", "[]", "[{}]", "{", "{'id':1}", "{\"a\":1,}",
                "{\"id\":1,\"id\":2}", "id: 1\nline_items: []\n", "<order/>")) {
            bad.add(body.getBytes(StandardCharsets.UTF_8));
        }
        byte[] sample = text.getBytes(StandardCharsets.UTF_8);
        int inString = text.indexOf('"') + 1; // ASCII up to here: the byte index is the character index
        byte[] invalid = new byte[sample.length + 3];
        System.arraycopy(sample, 0, invalid, 0, inString);
        invalid[inString] = (byte) 0xC3;
        invalid[inString + 1] = (byte) 0x28;
        invalid[inString + 2] = (byte) 0xFF;
        System.arraycopy(sample, inString, invalid, inString + 3, sample.length - inString);
        bad.add(invalid);
        bad.add(("[".repeat(50_000) + "]".repeat(50_000)).getBytes(StandardCharsets.UTF_8));
        bad.add(("{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000)).getBytes(StandardCharsets.UTF_8));
        int n = 0;
        for (byte[] body : bad) {
            String what = "body " + abbreviate(new String(body, StandardCharsets.UTF_8));
            send("POST", "/webhooks/shopify", "application/json", body, "unsigned " + what, shopifyHeaders("fz-u-" + n, null));
            send("POST", "/webhooks/shopify", "application/json", body, "wrongly signed " + what,
                    shopifyHeaders("fz-w-" + n, shopifySignature(body, "another-secret")));
            send("POST", "/webhooks/shopify", "application/json", body, "signed " + what,
                    shopifyHeaders("fz-s-" + n, shopifySignature(body, SHOPIFY_SECRET)));
            n++;
        }
        String signature = shopifySignature(order, SHOPIFY_SECRET);
        send("POST", "/webhooks/shopify", "application/json", order, "signed, unsigned body changed by one byte",
                shopifyHeaders("fz-x", shopifySignature((text + " ").getBytes(StandardCharsets.UTF_8), SHOPIFY_SECRET)));
        send("POST", "/webhooks/shopify", "application/json", order, "signed, no topic",
                Map.of("X-Shopify-Hmac-Sha256", signature, "X-Shopify-Event-Id", "fz-nt"));
        send("POST", "/webhooks/shopify", "application/json", order, "signed, no delivery id",
                Map.of("X-Shopify-Hmac-Sha256", signature, "X-Shopify-Topic", "orders/create"));
        send("POST", "/webhooks/shopify", "application/json", order, "signed, topic of 5,000 characters",
                Map.of("X-Shopify-Hmac-Sha256", signature, "X-Shopify-Topic", "o".repeat(5_000), "X-Shopify-Event-Id", "fz-lt"));
        send("POST", "/webhooks/shopify", "application/json", order, "signed, delivery id of 5,000 characters",
                Map.of("X-Shopify-Hmac-Sha256", signature, "X-Shopify-Topic", "orders/create", "X-Shopify-Event-Id", "e".repeat(5_000)));
        send("POST", "/webhooks/shopify", "application/json", new byte[0], "signed, empty body",
                shopifyHeaders("fz-e", shopifySignature(new byte[0], SHOPIFY_SECRET)));
        for (String signatureValue : List.of("", "x", "=".repeat(44), "a".repeat(5_000), "\u00e9", signature.toLowerCase())) {
            send("POST", "/webhooks/shopify", "application/json", order, "signature " + abbreviate(signatureValue),
                    shopifyHeaders("fz-sig", signatureValue));
        }
    }

    private static Map<String, String> shopifyHeaders(String eventId, String signature) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("X-Shopify-Topic", "orders/create");
        h.put("X-Shopify-Event-Id", eventId);
        if (signature != null) {
            h.put("X-Shopify-Hmac-Sha256", signature);
        }
        return h;
    }

    private static String shopifySignature(byte[] body, String secret) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return java.util.Base64.getEncoder().encodeToString(mac.doFinal(body));
    }

    /**
     * {@code POST /api/imports} (waiting for the outcome): files of no known kind, bad lines of every kind, broken
     * CSV, invalid UTF-8, binary junk, wrong content types and file names. Each is 415, 400 or 422, nothing applied.
     */
    private void imports() throws Exception {
        Map<String, String> wait = Map.of("Prefer", "wait=30");
        String units = "gtin,serial,batch,manufacturedOn,market\n";
        String models = "gtin,model,productLine,warrantyMonths,successorGtin\n";
        String items = "sku,type,name,price,currency,contains\n";
        String fits = "sku,gtin\n";
        String purchases = "ownerEmail,sku,orderRef,amount,currency,purchasedAt,source\n";
        List<String> files = new ArrayList<>(List.of("", "\n", "garbage", "a,b,c\n1,2,3\n", "gtin;serial\n1;2\n", "\u0000\u0001\u0002",
                units + "04098765000301,FZ-1,b,2026-01-15,DE\n", units + "04098765000300,FZ-1,b,2031-01-15,DE\n",
                units + "04098765000300,,b,2026-01-15,DE\n", units + "04098765000300,FZ-1,b\n",
                units + "04098765000300,FZ-1,b,2026-01-15,DE,extra\n", units + "04098765000300,\"FZ-1,b,2026-01-15,DE\n",
                units + "04098765000300,FZ\u0007-1,b,2026-01-15,DE\n", units + "04098765000300," + "s".repeat(5_000) + ",b,2026-01-15,DE\n",
                units + "04098765000300,FZ-1,b,2026-01-15,DE\n04098765000300,FZ-1,b,2026-01-15,DE\n",
                units + "'; DROP TABLE unit; --,FZ-1,b,2026-01-15,DE\n", units + "=cmd|' /C calc'!A0,FZ-1,b,2026-01-15,DE\n",
                models + "04098765009999,FZ-M,espresso,twelve,\n", models + "04098765009990,FZ-M,espresso,-1,\n",
                models + "04098765009990,,espresso,24,\n", items + "FZ-SKU,NOT_A_TYPE,Name,9.90,EUR,\n",
                items + "FZ-SKU,PART,Name,9.999,EUR,\n", items + "FZ-SKU,PART,Name,abc,EUR,\n", items + "FZ-SKU,PART,Name,9.90,EURO,\n",
                items + "FZ-SKU,BUNDLE,Name,9.90,EUR,NO-SUCH-SKU\n", fits + "NO-SUCH-SKU,04098765000300\n", fits + "WX-ESP-2Y,04098765000301\n",
                purchases + "not-an-email,WX-ESP-2Y,FZ-O-1,79.00,EUR,2026-10-01T09:00:00Z,erp\n",
                purchases + "fz@example.test,NO-SUCH-SKU,FZ-O-1,79.00,EUR,2026-10-01T09:00:00Z,erp\n",
                purchases + "fz@example.test,WX-ESP-2Y,FZ-O-1,-79.00,EUR,2026-10-01T09:00:00Z,erp\n",
                purchases + "fz@example.test,WX-ESP-2Y,FZ-O-1,79.00,EUR,yesterday,erp\n",
                "\uFEFF" + units + "04098765000301,FZ-1,b,2026-01-15,DE\n"));
        for (String file : files) {
            send("POST", "/api/imports", "text/csv", file.getBytes(StandardCharsets.UTF_8), "CSV " + abbreviate(file), wait);
        }
        byte[] utf8 = (units + "04098765000300,\u0001MARK,b,2026-01-15,DE\n").getBytes(StandardCharsets.UTF_8);
        send("POST", "/api/imports", "text/csv", invalidUtf8(escapedMark(utf8)), "CSV with invalid UTF-8", wait);
        byte[] junk = new byte[4096];
        new java.util.Random(7).nextBytes(junk);
        send("POST", "/api/imports", "application/octet-stream", junk, "random bytes", wait);
        String good = units + "04098765000300,FZ-IMPORT-1,b,2026-01-15,DE\n";
        for (String type : List.of("application/json", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "application/yaml")) {
            send("POST", "/api/imports", type, good.getBytes(StandardCharsets.UTF_8), "content type " + type, wait);
        }
        // (a good file without a content type is octet-stream, which the endpoint takes: not bad input)
        for (String name : List.of("f".repeat(300), "a%07b.csv")) {
            send("POST", "/api/imports?fileName=" + name, "text/csv", good.getBytes(StandardCharsets.UTF_8), "file name " + abbreviate(name), wait);
        }
    }

    /** The bytes with the JSON escape of U+0001 in place of the raw character, as {@link #invalidUtf8} expects. */
    private static byte[] escapedMark(byte[] utf8) {
        return new String(utf8, StandardCharsets.UTF_8).replace("\u0001MARK", "\\u0001MARK").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@code POST /api/rules} and {@code POST /api/rules/simulate} (multipart): workbooks that are no workbook (empty,
     * text, random bytes, a zip of something else), wrong file names, missing parts, bad cases files, and for the
     * simulation bad facts, unknown moments and units, bad instants; plus bodies that are not multipart.
     */
    private void rulesUploadAndSimulation() throws Exception {
        byte[] workbook = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("rules/offers.drl.xlsx"));
        byte[] zip;
        try (var out = new java.io.ByteArrayOutputStream(); var z = new java.util.zip.ZipOutputStream(out)) {
            z.putNextEntry(new java.util.zip.ZipEntry("hello.txt"));
            z.write("hello".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
            z.finish();
            zip = out.toByteArray();
        }
        byte[] random = new byte[8192];
        new java.util.Random(11).nextBytes(random);
        byte[] truncated = java.util.Arrays.copyOf(workbook, workbook.length / 2);
        Map<String, byte[]> notWorkbooks = new LinkedHashMap<>();
        notWorkbooks.put("empty", new byte[0]);
        notWorkbooks.put("text", "Rule,Priority\nx,1\n".getBytes(StandardCharsets.UTF_8));
        notWorkbooks.put("random bytes", random);
        notWorkbooks.put("zip of a text file", zip);
        notWorkbooks.put("truncated workbook", truncated);
        for (Map.Entry<String, byte[]> w : notWorkbooks.entrySet()) {
            sendMultipart("/api/rules", List.of(part("workbook", "offers.drl.xlsx", w.getValue())), "workbook " + w.getKey());
            sendMultipart("/api/rules/simulate", List.of(part("workbook", "offers.drl.xlsx", w.getValue()),
                    field("gtin", "04098765000300"), field("serial", "EM300-00001"), field("moment", "REGISTRATION")),
                    "simulate with workbook " + w.getKey());
        }
        for (String name : List.of("offers.xlsx", "offers.txt", "../../etc/passwd", "", "a".repeat(300) + ".drl.xlsx", "x\u0007.drl.xlsx")) {
            sendMultipart("/api/rules", List.of(part("workbook", name, workbook), part("cases", "offers.cases.csv", "garbage".getBytes(StandardCharsets.UTF_8))),
                    "workbook named " + abbreviate(name));
        }
        for (String cases : List.of("", "garbage", "\u0000\u0001", "name,moment\nx,NOT_A_MOMENT\n", "\"unclosed\n")) {
            sendMultipart("/api/rules", List.of(part("workbook", "offers.drl.xlsx", workbook), part("cases", "offers.cases.csv",
                    cases.getBytes(StandardCharsets.UTF_8))), "cases " + abbreviate(cases));
        }
        sendMultipart("/api/rules", List.of(part("cases", "offers.cases.csv", "x".getBytes(StandardCharsets.UTF_8))), "no workbook part");
        sendMultipart("/api/rules", List.of(field("workbook", "not a file")), "workbook as a text field");
        sendMultipart("/api/rules/simulate", List.of(field("facts", "[]")), "simulate without workbook");
        List<List<byte[]>> simulations = new ArrayList<>();
        for (String facts : List.of("", "x", "{}", "[1]", "[{\"moment\":\"NOPE\"}]", "[{\"unknownFact\":1}]", "[{\"unitAgeDays\":\"many\"}]",
                "[" + "{},".repeat(200_000) + "{}]", "[{\"moment\":\"REGISTRATION\"}] trailing", "[".repeat(10_000))) {
            simulations.add(List.of(part("workbook", "offers.drl.xlsx", workbook), field("facts", facts)));
        }
        for (String[] unit : List.of(new String[] {"04098765000301", "EM300-00001", "REGISTRATION"},
                new String[] {"04098765000300", "NO-SUCH-SERIAL", "REGISTRATION"}, new String[] {"04098765000300", "EM300-00001", "NOPE"},
                new String[] {"04098765000300", "", "REGISTRATION"}, new String[] {"x".repeat(5_000), "EM300-00001", "REGISTRATION"})) {
            simulations.add(List.of(part("workbook", "offers.drl.xlsx", workbook), field("gtin", unit[0]), field("serial", unit[1]),
                    field("moment", unit[2])));
        }
        for (String[] range : List.of(new String[] {"yesterday", "2026-11-20T00:00:00Z"}, new String[] {"2026-11-20T00:00:00Z", "x"},
                new String[] {"2026-11-21T00:00:00Z", "2026-11-20T00:00:00Z"}, new String[] {"2026-11-20T00:00:00Z", ""})) {
            simulations.add(List.of(part("workbook", "offers.drl.xlsx", workbook), field("from", range[0]), field("to", range[1])));
        }
        simulations.add(List.of(part("workbook", "offers.drl.xlsx", workbook)));
        for (List<byte[]> parts : simulations) {
            sendMultipart("/api/rules/simulate", parts, "simulate " + abbreviate(new String(parts.get(parts.size() - 1), StandardCharsets.UTF_8)
                    .replaceAll("\\s+", " ")));
        }
        for (String path : List.of("/api/rules", "/api/rules/simulate")) {
            send("POST", path, "application/json", "{\"workbook\":\"x\"}".getBytes(StandardCharsets.UTF_8), "JSON body", Map.of());
            send("POST", path, "multipart/form-data; boundary=fuzz", "not multipart at all".getBytes(StandardCharsets.UTF_8),
                    "malformed multipart", Map.of());
            send("POST", path, "multipart/form-data", "--x\r\n\r\n".getBytes(StandardCharsets.UTF_8), "multipart without boundary", Map.of());
        }
    }

    private static byte[] part(String name, String fileName, byte[] content) {
        byte[] head = ("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] out = java.util.Arrays.copyOf(head, head.length + content.length);
        System.arraycopy(content, 0, out, head.length, content.length);
        return out;
    }

    private static byte[] field(String name, String value) {
        return ("Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value).getBytes(StandardCharsets.UTF_8);
    }

    private void sendMultipart(String path, List<byte[]> parts, String what) throws Exception {
        String boundary = "fuzz-boundary-7MA4YWxkTrZu0gW";
        var out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.write(("--" + boundary + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(p);
            out.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        send("POST", path, "multipart/form-data; boundary=" + boundary, out.toByteArray(), what, Map.of());
    }

    /** {@code GET /api/offers}: missing, malformed and unknown parameters, and a unit without owner (the one valid query). */
    private void offerApi() throws Exception {
        List<String> queries = new ArrayList<>(List.of("", "?gtin=04098765000300", "?gtin=04098765000300&serial=EM300-00002",
                "?gtin=04098765000300&serial=EM300-00002&moment=PARTS_VIEWED", "?gtin=04098765000301&serial=EM300-00002&moment=PARTS_VIEWED",
                "?gtin=04098765000300&serial=NO-SUCH-UNIT&moment=PARTS_VIEWED", "?gtin=04098765000300&serial=EM300-00002&moment=NOPE",
                "?gtin=04098765000300&serial=EM300-00002&moment=parts_viewed%00", "?gtin=&serial=&moment=",
                "?gtin=04098765000300&gtin=04098765000102&serial=EM300-00002&moment=PARTS_VIEWED"));
        for (String bad : List.of("x".repeat(5_000), "%00", "%07", "%E2%80%AE", "%ED%A0%80", "%FF%FE", "'%3B%20DROP%20TABLE%20owner%3B--",
                "%3Cscript%3E", "%24%7Bjndi%3Aldap%3A%2F%2Fx%7D", "..%2F..%2Fetc%2Fpasswd", "-999999999999", "1.5", "true", "%20")) {
            queries.add("?gtin=" + bad + "&serial=EM300-00002&moment=PARTS_VIEWED");
            queries.add("?gtin=04098765000300&serial=" + bad + "&moment=PARTS_VIEWED");
            queries.add("?gtin=04098765000300&serial=EM300-00002&moment=" + bad);
        }
        for (String q : queries) {
            send("GET", "/api/offers" + q, null, null, "query " + abbreviate(q), Map.of());
        }
    }

    /** Ids in paths: owners' export and erasure, keys, imports, rule versions, transfer tokens, offer tokens. */
    private void pathIds() throws Exception {
        List<String> ids = List.of("x", "1", "-1", "00000000-0000-0000-0000-000000000000", java.util.UUID.randomUUID().toString(),
                "%00", "%07", "a".repeat(3_000), "%E2%80%AE", "%ED%A0%80", "%FF", "'%3B%20DROP%20TABLE%20owner%3B--", "%20",
                java.util.UUID.randomUUID() + "x", "99999999999999999999", "1.5", "%2E%2E");
        for (String id : ids) {
            send("GET", "/api/owners/" + id + "/export", null, null, "owner id " + abbreviate(id), Map.of());
            send("DELETE", "/api/owners/" + id, null, null, "owner id " + abbreviate(id), Map.of());
            send("DELETE", "/api/keys/" + id, null, null, "key id " + abbreviate(id), Map.of());
            send("GET", "/api/imports/" + id, null, null, "import id " + abbreviate(id), Map.of());
            if (!id.equals("1")) { // version 1 exists: the rule set deployed at start
                send("GET", "/api/rules/versions/" + id + "/workbook", null, null, "rule version " + abbreviate(id), Map.of());
                send("POST", "/api/rules/versions/" + id + "/activate", null, null, "rule version " + abbreviate(id), Map.of());
                send("GET", "/api/rules/versions/1/diff?against=" + id, null, null, "diff against " + abbreviate(id), Map.of());
            }
            send("POST", "/api/transfers/" + id + "/complete", "application/json", """
                    {"owner":{"email":"fuzz2@example.test","name":"Fuzz Two","country":"DE","marketingConsent":true}}"""
                    .getBytes(StandardCharsets.UTF_8), "transfer token " + abbreviate(id), Map.of());
            send("GET", "/api/offers/redeem/" + id, null, null, "offer token " + abbreviate(id), Map.of());
            send("POST", "/api/offers/redeem/" + id, null, null, "offer token " + abbreviate(id), Map.of());
        }
    }

    private Map<String, Integer> counts() {
        Map<String, Integer> out = new LinkedHashMap<>();
        TABLES.forEach(t -> out.put(t, jdbc.sql("SELECT count(*) FROM " + t).query(Integer.class).single()));
        return out;
    }

    private static List<String> leaves(JsonNode node, String at) {
        List<String> out = new ArrayList<>();
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                out.add(at + "/" + f.getKey());
                if (f.getValue().isContainerNode()) {
                    out.addAll(leaves(f.getValue(), at + "/" + f.getKey()));
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                out.addAll(leaves(node.get(i), at + "/" + i));
            }
        }
        return out;
    }

    private static List<String> containers(JsonNode node, String at) {
        List<String> out = new ArrayList<>();
        if (node.isObject()) {
            out.add(at);
            node.fields().forEachRemaining(f -> out.addAll(containers(f.getValue(), at + "/" + f.getKey())));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                out.addAll(containers(node.get(i), at + "/" + i));
            }
        }
        return out;
    }

    private static JsonNode replaced(JsonNode base, String pointer, JsonNode value) {
        JsonNode copy = base.deepCopy();
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = copy.at(pointer.substring(0, slash));
        String key = pointer.substring(slash + 1);
        if (parent instanceof ObjectNode o) {
            o.set(key, value);
        } else if (parent instanceof ArrayNode a) {
            a.set(Integer.parseInt(key), value);
        }
        return copy;
    }

    private static JsonNode removed(JsonNode base, String pointer) {
        JsonNode copy = base.deepCopy();
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = copy.at(pointer.substring(0, slash));
        String key = pointer.substring(slash + 1);
        if (parent instanceof ObjectNode o) {
            o.remove(key);
        } else if (parent instanceof ArrayNode a) {
            a.remove(Integer.parseInt(key));
        }
        return copy;
    }

    /** The body with the marker's first byte (0x01) replaced by bytes that are not UTF-8. */
    private static byte[] invalidUtf8(byte[] utf8) {
        String text = new String(utf8, StandardCharsets.UTF_8);
        int at = text.indexOf("\\u0001MARK");
        byte[] head = text.substring(0, at).getBytes(StandardCharsets.UTF_8);
        byte[] tail = text.substring(at + "\\u0001".length()).getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + 3 + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        out[head.length] = (byte) 0xC3;
        out[head.length + 1] = (byte) 0x28;
        out[head.length + 2] = (byte) 0xFF;
        System.arraycopy(tail, 0, out, head.length + 3, tail.length);
        return out;
    }

    private static String toYaml(JsonNode node, String indent) {
        StringBuilder out = new StringBuilder();
        node.fields().forEachRemaining(f -> {
            if (f.getValue().isObject()) {
                out.append(indent).append(f.getKey()).append(":\n").append(toYaml(f.getValue(), indent + "  "));
            } else if (f.getValue().isArray()) {
                out.append(indent).append(f.getKey()).append(":\n");
                f.getValue().forEach(v -> out.append(indent).append("- ").append(toYaml(v, indent + "  ").strip().replace("\n", "\n" + indent + "  ")).append('\n'));
            } else {
                out.append(indent).append(f.getKey()).append(": ").append(f.getValue().toString()).append('\n');
            }
        });
        return out.toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 160 ? s : s.substring(0, 160) + "…";
    }
}
