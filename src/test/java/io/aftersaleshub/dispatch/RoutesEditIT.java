package io.aftersaleshub.dispatch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.aftersaleshub.support.GreenMailPeer;
import io.aftersaleshub.support.HubProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.util.FileSystemUtils;

/**
 * IT edits a route file and the packaged hub changes its behaviour on the next start, without a rebuild: the
 * jar runs as an operator runs it ({@link HubProcess}) with {@code HUB_ROUTES_DIR} pointing at a copy of
 * {@code routes/}. As shipped, a SUPPORT_CLOSED offer goes to the owner by e-mail (GreenMail) and to the marketing
 * webhook (WireMock); after {@code offer-out-channels.camel.yaml} is edited to send SUPPORT_CLOSED offers to the
 * webhook only and the same jar is restarted, the next support case's offer reaches the webhook and no e-mail goes out.
 */
class RoutesEditIT {

    static final String EM300 = "04098765000300";
    static final String SERIAL = "EM300-00003";
    static final String OWNER = "routes-edit@example.test";
    static final String WEBHOOK = "/campaigns";
    /** As shipped, the SUPPORT_CLOSED branch is the first "every channel" answer of the file. */
    static final String SHIPPED_SUPPORT_CHANNELS = "constant: \"*\"";

    @RegisterExtension
    static GreenMailPeer smtp = new GreenMailPeer();

    final ObjectMapper json = new ObjectMapper();
    final WireMockServer tool = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    HubProcess hub;
    Path work;

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.cleanUp();
        }
        tool.stop();
        if (work != null) {
            FileSystemUtils.deleteRecursively(work.toFile());
        }
    }

    @Test
    void aRouteEditedInTheRoutesFolderChangesWhereSupportOffersGoOnTheNextStart() throws Exception {
        tool.start();
        tool.stubFor(post(urlEqualTo(WEBHOOK)).willReturn(aResponse().withStatus(202)));
        work = Files.createTempDirectory("routes-edit-");
        Path routes = Files.createDirectory(work.resolve("routes"));
        try (Stream<Path> shipped = Files.list(Path.of("routes"))) {
            for (Path p : shipped.filter(p -> p.getFileName().toString().endsWith(".camel.yaml")).toList()) {
                Files.copy(p, routes.resolve(p.getFileName()));
            }
        }
        Path channels = routes.resolve("offer-out-channels.camel.yaml");
        assertThat(Files.readString(channels)).contains(SHIPPED_SUPPORT_CHANNELS);
        Path jar = HubProcess.jar();
        FileTime built = Files.getLastModifiedTime(jar);

        hub = new HubProcess(work.resolve("data"), Map.of(
                "HUB_ROUTES_DIR", routes.toString(),
                "SMTP_HOST", "127.0.0.1", "SMTP_PORT", Integer.toString(smtp.port()), "SMTP_STARTTLS", "false",
                "HUB_MARKETING_WEBHOOK_URL", tool.baseUrl() + WEBHOOK, "HUB_MARKETING_WEBHOOK_SECRET", "routes-edit-secret",
                // every offer of this owner is delivered: the cap and the holdout have their own tests
                "HUB_OFFER_CAP_MAX_OFFERS", "100", "HUB_OFFER_HOLDOUT_SHARE", "0", "HUB_SCHEDULE_ENABLED", "false"));

        // as shipped: the registration and the first support case each reach the owner and the marketing tool
        hub.start(Map.of());
        assertThat(hub.post("/api/registrations", json.writeValueAsString(Map.of("gtin", EM300, "serial", SERIAL,
                "purchaseDate", LocalDate.now(ZoneOffset.UTC).toString(),
                "owner", Map.of("email", OWNER, "name", "Rut", "country", "DE", "marketingConsent", true)))).statusCode())
                .isEqualTo(201);
        closeCase("case-1");
        JsonNode first = awaitSupportDecision("case-1", List.of("email:SENT", "marketing-webhook:SENT"));
        assertThat(first.get("offer").get("sku").asText()).isEqualTo("PART-DESCALER");
        assertThat(smtp.awaitMailTo(OWNER, 2)).hasSize(2);
        assertThat(webhookMoments()).containsExactlyInAnyOrder("REGISTRATION", "SUPPORT_CLOSED");
        hub.terminate(Duration.ofSeconds(60));

        // IT edits the route: SUPPORT_CLOSED offers to the marketing webhook only (and analytics); nothing is rebuilt
        String edited = Files.readString(channels).replaceFirst(java.util.regex.Pattern.quote(SHIPPED_SUPPORT_CHANNELS),
                "constant: \"marketing-webhook,analytics\"");
        Files.writeString(channels, edited);

        hub.start(Map.of());
        closeCase("case-2");
        JsonNode second = awaitSupportDecision("case-2", List.of("marketing-webhook:SENT"));
        assertThat(second.get("offer").get("sku").asText()).isEqualTo("PART-DESCALER");
        assertThat(webhookMoments()).containsExactlyInAnyOrder("REGISTRATION", "SUPPORT_CLOSED", "SUPPORT_CLOSED");
        assertThat(webhookDecisions()).contains(second.get("decisionId").asText());
        Thread.sleep(2000); // an e-mail would have gone out by now
        assertThat(smtp.mailsTo(OWNER)).hasSize(2);
        assertThat(Files.getLastModifiedTime(jar)).isEqualTo(built);
        hub.terminate(Duration.ofSeconds(60));
    }

    private void closeCase(String caseId) throws Exception {
        assertThat(hub.post("/api/events", json.writeValueAsString(Map.of("type", "support.case_closed", "source", "crm",
                "sourceEventId", caseId, "occurredAt", java.time.Instant.now().toString(), "gtin", EM300, "serial", SERIAL,
                "attributes", Map.of("caseId", caseId, "category", "descaling", "resolution", "resolved")))).statusCode())
                .isEqualTo(202);
    }

    /** Waits until the support decision of this case has exactly these actions (channel:STATUS, sorted); returns it. */
    private JsonNode awaitSupportDecision(String caseId, List<String> actions) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonNode all = json.readTree(hub.get("/api/units/" + EM300 + "/" + SERIAL + "/decisions").body());
            for (JsonNode d : all) {
                if (!"SUPPORT_CLOSED".equals(d.get("moment").asText())) {
                    continue;
                }
                JsonNode detail = json.readTree(hub.get("/api/decisions/" + d.get("decisionId").asText()).body());
                if (!caseId.equals(detail.get("facts").get("attributes").get("caseId").asText())) {
                    continue;
                }
                List<String> done = new java.util.ArrayList<>();
                detail.get("actions").forEach(a -> done.add(a.get("channel").asText() + ":" + a.get("status").asText()));
                done.sort(null);
                found[0] = detail;
                return done.equals(actions);
            }
            return false;
        });
        return found[0];
    }

    private List<String> webhookDecisions() throws Exception {
        List<String> ids = new java.util.ArrayList<>();
        for (var r : tool.findAll(postRequestedFor(urlEqualTo(WEBHOOK)))) {
            ids.add(json.readTree(r.getBodyAsString()).get("decisionId").asText());
        }
        return ids;
    }

    private List<String> webhookMoments() throws Exception {
        List<String> moments = new java.util.ArrayList<>();
        for (var r : tool.findAll(postRequestedFor(urlEqualTo(WEBHOOK)))) {
            moments.add(json.readTree(r.getBodyAsString()).get("moment").asText());
        }
        return moments;
    }
}
