package io.aftersaleshub.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftersaleshub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every refusal answers with RFC 9457 problem details, over real HTTP: the hub's own refusals, Spring
 * MVC's, Tomcat's own 400s that never reach a servlet, and unexpected errors (generic 500).
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hub.mail.host=127.0.0.1", "hub.mail.port=1", "hub.mail.dev-mailbox=false"})
class ProblemDetailsIT extends HubIntegrationTest {

    static final String EM300 = "04098765000300";
    static final String DEMO_SERIAL = "EM300-00001";

    record Answer(int status, String contentType, String allow, JsonNode body, String raw) {
    }

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();

    @Test
    void theHubsOwnRefusalsAreProblemDetailsWithFieldReasons() throws Exception {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        Answer bad = send("POST", "/api/registrations", "application/json", """
                {"gtin": "04098765000301", "serial": "EM300-00002", "purchaseDate": "%s",
                 "owner": {"email": "not-an-email", "name": "X", "country": "DE", "marketingConsent": false}}""".formatted(today));
        assertProblem(bad, 400, "Bad Request");
        assertThat(errors(bad)).containsExactlyInAnyOrder("gtin: check digit must be 0", "owner.email: is not a valid e-mail address");
        assertThat(bad.body().get("detail").asText()).contains("owner.email is not a valid e-mail address");

        Answer unknownUnit = send("POST", "/api/registrations", "application/json", """
                {"gtin": "%s", "serial": "NO-SUCH-UNIT", "purchaseDate": "%s",
                 "owner": {"email": "una@example.test", "name": "Una", "country": "DE", "marketingConsent": false}}""".formatted(EM300, today));
        assertProblem(unknownUnit, 422, "Unprocessable Entity");
        assertThat(fields(unknownUnit)).containsExactly("serial");

        Answer noUnit = send("GET", "/api/units/decisions?gtin=" + EM300 + "&serial=NO-SUCH-UNIT", null, null);
        assertProblem(noUnit, 404, "Not Found");
        assertThat(errors(noUnit)).containsExactly("serial: no unit with this GTIN and serial is known");

        Answer notJson = send("POST", "/api/registrations", "application/json", "{\"gtin\": ");
        assertProblem(notJson, 400, "Bad Request");
        assertThat(errors(notJson)).containsExactly("body: is not valid JSON");

        Answer unknownField = send("POST", "/api/purchases", "application/json", "{\"colour\": \"red\"}");
        assertProblem(unknownField, 400, "Bad Request");
        assertThat(errors(unknownField)).containsExactly("colour: is not a known field");
    }

    @Test
    void springMvcRefusalsAreProblemDetails() throws Exception {
        Answer unknownPath = send("GET", "/api/no-such-thing", null, null);
        assertProblem(unknownPath, 404, "Not Found");
        assertThat(unknownPath.body().get("detail").asText()).isEqualTo("There is no resource at this path.");
        assertThat(errors(unknownPath)).isEmpty();

        Answer wrongMethod = send("DELETE", "/api/events", null, null);
        assertProblem(wrongMethod, 405, "Method Not Allowed");
        assertThat(wrongMethod.allow()).isEqualTo("POST");
        assertThat(wrongMethod.body().get("detail").asText()).contains("DELETE");

        Answer wrongContentType = send("POST", "/api/events", "text/plain", "hello");
        assertProblem(wrongContentType, 415, "Unsupported Media Type");
        assertThat(wrongContentType.body().get("detail").asText()).contains("text/plain");

        Answer notAcceptable = send("GET", "/api/units/" + EM300 + "/" + DEMO_SERIAL + "/decisions", null, null, "application/xml");
        assertProblem(notAcceptable, 406, "Not Acceptable");

        Answer missing = send("GET", "/api/units/decisions?gtin=" + EM300, null, null);
        assertProblem(missing, 400, "Bad Request");
        assertThat(errors(missing)).containsExactly("serial: is required");
        assertThat(missing.body().get("detail").asText()).isEqualTo("Required parameter 'serial' is not present.");
        assertThat(missing.body().get("instance").asText()).isEqualTo("/api/units/decisions");

        Answer pathMismatch = send("GET", "/test-probe/count/abc", null, null);
        assertProblem(pathMismatch, 400, "Bad Request");
        assertThat(errors(pathMismatch)).containsExactly("n: has the wrong type or format");

        Answer queryMismatch = send("GET", "/test-probe/count/2?times=often", null, null);
        assertProblem(queryMismatch, 400, "Bad Request");
        assertThat(errors(queryMismatch)).containsExactly("times: has the wrong type or format");

        Answer errorPath = send("GET", "/error", null, null);
        assertProblem(errorPath, 404, "Not Found");
    }

    @Test
    void tomcatsOwnBadRequestsAreProblemDetails() throws Exception {
        for (String target : List.of("/api/units/a|b/decisions", "/api/units/{gtin}/x/decisions", "/api/units/%zz/x/decisions")) {
            Answer a = rawGet(target);
            assertProblem(a, 400, "Bad Request");
            assertThat(a.body().get("detail").asText()).as(target).contains("malformed");
            assertThat(errors(a)).isEmpty();
        }
    }

    @Test
    void anUnexpectedErrorIsA500WithAGenericDetailAndIsLoggedWithItsStackTrace(CapturedOutput log) throws Exception {
        Answer a = send("GET", "/test-probe/boom", null, null);
        assertProblem(a, 500, "Internal Server Error");
        assertThat(a.body().get("detail").asText()).isEqualTo(ApiProblem.UNEXPECTED);
        assertThat(a.raw()).doesNotContain("s3cr3t").doesNotContain("IllegalStateException").doesNotContain("ProblemProbeController");
        assertThat(log.getOut()).contains("ERROR").contains("Unexpected error answering GET /test-probe/boom")
                .contains("java.lang.IllegalStateException: cannot connect to " + ProblemProbeController.SECRET)
                .contains("at io.aftersaleshub.platform.ProblemProbeController.boom");
    }

    @Test
    void theApiDocumentDescribesTheProblemResponsesAndTheEventBody() throws Exception {
        Answer docs = send("GET", "/v3/api-docs", null, null);
        assertThat(docs.status()).isEqualTo(200);
        JsonNode problem = docs.body().at("/components/schemas/Problem");
        assertThat(problem.at("/properties/errors/items/properties/reason/type").asText()).isEqualTo("string");
        List<String> required = new ArrayList<>();
        problem.get("required").forEach(r -> required.add(r.asText()));
        assertThat(required).contains("type", "title", "status", "detail", "errors");

        int operations = 0;
        for (var path = docs.body().get("paths").fields(); path.hasNext(); ) {
            var p = path.next();
            for (var op = p.getValue().fields(); op.hasNext(); ) {
                var o = op.next();
                operations++;
                for (String code : List.of("400", "404", "405", "500")) {
                    assertThat(o.getValue().at("/responses/" + code + "/content/application~1problem+json/schema/$ref").asText())
                            .as(o.getKey() + " " + p.getKey() + " " + code).isEqualTo("#/components/schemas/Problem");
                }
            }
        }
        assertThat(operations).isGreaterThanOrEqualTo(9);
        assertThat(docs.body().at("/paths/~1error").isMissingNode()).isTrue();
        // every status the registration answers, each with its body
        JsonNode registration = docs.body().at("/paths/~1api~1registrations/post/responses");
        assertThat(registration.at("/201/content/*~1*/schema/$ref").asText()).endsWith("/RegistrationResponse");
        assertThat(registration.at("/200/content/*~1*/schema/$ref").asText()).endsWith("/RegistrationResponse");
        for (String code : List.of("409", "422", "503")) {
            assertThat(registration.at("/" + code + "/content/application~1problem+json/schema/$ref").asText())
                    .as("registration " + code).isEqualTo("#/components/schemas/Problem");
        }
        assertThat(docs.body().at("/paths/~1api~1purchases/post/responses/201/description").asText()).isEqualTo("recorded");

        JsonNode events = docs.body().at("/paths/~1api~1events/post");
        assertThat(events.at("/responses/415/content/application~1problem+json/schema/$ref").asText()).isEqualTo("#/components/schemas/Problem");
        JsonNode oneOf = events.at("/requestBody/content/application~1json/schema/oneOf");
        assertThat(oneOf.get(0).get("$ref").asText()).isEqualTo("#/components/schemas/Event");
        assertThat(oneOf.get(1).get("type").asText()).isEqualTo("array");
        assertThat(oneOf.get(1).at("/items/$ref").asText()).isEqualTo("#/components/schemas/Event");
        List<String> eventRequired = new ArrayList<>();
        docs.body().at("/components/schemas/Event/required").forEach(r -> eventRequired.add(r.asText()));
        assertThat(eventRequired).containsExactlyInAnyOrder("type", "source", "sourceEventId", "occurredAt", "gtin", "serial");
        assertThat(docs.body().at("/components/schemas/Event/properties/ownerEmail/type").asText()).isEqualTo("string");
    }

    // --- helpers

    private void assertProblem(Answer a, int status, String title) {
        assertThat(a.status()).as(a.raw()).isEqualTo(status);
        assertThat(a.contentType()).as(a.raw()).startsWith("application/problem+json");
        assertThat(a.body().get("type").asText()).isEqualTo("about:blank");
        assertThat(a.body().get("title").asText()).isEqualTo(title);
        assertThat(a.body().get("status").asInt()).isEqualTo(status);
        assertThat(a.body().get("detail").asText()).isNotBlank();
        assertThat(a.body().get("errors").isArray()).as(a.raw()).isTrue();
    }

    private static List<String> errors(Answer a) {
        List<String> out = new ArrayList<>();
        a.body().get("errors").forEach(e -> out.add(e.get("field").asText() + ": " + e.get("reason").asText()));
        return out;
    }

    private static List<String> fields(Answer a) {
        List<String> out = new ArrayList<>();
        a.body().get("errors").forEach(e -> out.add(e.get("field").asText()));
        return out;
    }

    private Answer send(String method, String path, String contentType, String body) throws Exception {
        return send(method, path, contentType, body, "application/json");
    }

    private Answer send(String method, String path, String contentType, String body, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Accept", accept)
                .header("X-Api-Key", API_KEY)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
                r.headers().firstValue("Allow").orElse(null), parse(r.body()), r.body());
    }

    /** A request line no HTTP client library would send; Tomcat refuses it before Spring sees it. */
    private Answer rawGet(String target) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\nX-Api-Key: " + API_KEY + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int split = response.indexOf("\r\n\r\n");
            String head = response.substring(0, split);
            String body = response.substring(split + 4);
            int status = Integer.parseInt(head.substring(9, 12));
            String contentType = head.lines().filter(l -> l.toLowerCase().startsWith("content-type:"))
                    .map(l -> l.substring("content-type:".length()).trim()).findFirst().orElse("");
            return new Answer(status, contentType, null, parse(body), response);
        }
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
