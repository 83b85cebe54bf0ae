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
    private static final List<String> TABLES = List.of("product_model", "catalog_item", "item_compatibility", "unit", "owner",
            "ownership", "purchase", "hub_event", "decision", "outbound_action");

    /** Fields that may be left out, null or blank (blank is the same as left out): not bad input there. */
    private static final Map<String, java.util.Set<String>> OPTIONAL = Map.of(
            "/api/registrations", java.util.Set.of("/channel"),
            "/api/events", java.util.Set.of("/ownerEmail", "/attributes"),
            "/api/purchases", java.util.Set.of(),
            "/api/catalog", java.util.Set.of("/units", "/units/0/batch", "/units/0/manufacturedOn", "/units/0/market"));
    /** Free-form values (an event's attributes): any JSON value is valid there. */
    private static final java.util.Set<String> FREE = java.util.Set.of("/attributes/page");
    /** Free text (names, references, serials of units the hub may not know): quotes, markup or paths are valid text there. */
    private static final java.util.Set<String> FREE_TEXT = java.util.Set.of("/channel", "/owner/name", "/source", "/sourceEventId",
            "/serial", "/orderRef", "/units/0/serial", "/units/0/batch", "/units/0/market");
    /** Valid characters that look like attacks: refused only where the format is fixed (GTINs, e-mails, codes, dates). */
    private static final java.util.Set<String> LOOKS_BAD = java.util.Set.of("'; DROP TABLE owner; --", "\" OR 1=1 --",
            "<script>alert(1)</script>", "${jndi:ldap://127.0.0.1/a}", "../../etc/passwd", "%00", "２０２６-１１-２０", "1e309");

    private static final String LONE_SURROGATE = "LONE-SURROGATE-MARK";

    @DynamicPropertySource
    static void mailbox(DynamicPropertyRegistry registry) {
        devMailboxOnAFreePort(registry);
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
        log.info("BadInputFuzzIT: {} bad inputs tried, {} answered wrongly", tried, wrong.size());
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
        tried++;
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            r.header("Content-Type", contentType);
        }
        HttpResponse<String> a = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
        String type = a.headers().firstValue("Content-Type").orElse("");
        boolean problem = type.startsWith("application/problem+json") && a.body().contains("\"status\":" + a.statusCode());
        if (a.statusCode() < 400 || a.statusCode() >= 500 || !problem) {
            wrong.add("POST " + path + " " + what + " -> " + a.statusCode() + " " + abbreviate(a.body()));
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
