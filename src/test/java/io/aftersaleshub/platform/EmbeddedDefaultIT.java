package io.aftersaleshub.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.aftersaleshub.HubApplication;
import io.aftersaleshub.support.FreePort;
import io.aftersaleshub.support.HubClient;
import io.aftersaleshub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The embedded default as a newcomer runs it: no settings but a data folder — embedded PostgreSQL,
 * embedded Artemis, demo catalogue, dev mailbox — and the data is still there after a restart.
 */
class EmbeddedDefaultIT {

    @Test
    void theEmbeddedDefaultRunsEndToEndAndKeepsItsDataAcrossARestart() throws Exception {
        Path dataDir = Files.createTempDirectory("hub-embedded-");
        String serial = "EM300-00003";
        String decisionsPath = "/api/units/04098765000300/" + serial + "/decisions";

        try (ConfigurableApplicationContext hub = start(dataDir)) {
            // durable by default: the library's -F (fsync off) must be overridden on the running server
            JdbcClient jdbc = hub.getBean(JdbcClient.class);
            assertThat(jdbc.sql("SHOW fsync").query(String.class).single()).isEqualTo("on");
            assertThat(jdbc.sql("SHOW synchronous_commit").query(String.class).single()).isEqualTo("on");
            assertThat(jdbc.sql("SHOW full_page_writes").query(String.class).single()).isEqualTo("on");
            HubClient client = client(hub);
            HubClient.Answer a = client.post("/api/registrations", Map.of("gtin", "04098765000300", "serial", serial,
                    "purchaseDate", LocalDate.now().toString(),
                    "owner", Map.of("email", "lea@example.test", "name", "Lea", "country", "DE", "marketingConsent", true)));
            assertThat(a.status()).isEqualTo(201);
            assertThat(a.body().at("/offer/sku").asText()).isEqualTo("WX-ESP-2Y");

            await().atMost(Duration.ofSeconds(20)).until(() -> client.list("/api/dev/mailbox").size() == 1);
            Map<String, Object> mail = client.list("/api/dev/mailbox").get(0);
            assertThat(mail).containsEntry("to", "lea@example.test");
            assertThat((String) mail.get("body")).contains("WX-ESP-2Y").contains("20 % off");
        }

        try (ConfigurableApplicationContext hub = start(dataDir)) {
            HubClient client = client(hub);
            List<Map<String, Object>> decisions = client.list(decisionsPath);
            assertThat(decisions).hasSize(1);
            assertThat(decisions.get(0)).containsEntry("ruleName", "Espresso: warranty extension at registration");
            // the demo catalogue is loaded into an empty database only, not again on restart
            assertThat(hub.getBean(JdbcClient.class).sql("SELECT count(*) FROM unit").query(Integer.class).single()).isEqualTo(25);
            // the same owner registering again gets the stored answer back
            HubClient.Answer again = client.post("/api/registrations", Map.of("gtin", "04098765000300", "serial", serial,
                    "purchaseDate", LocalDate.now().toString(),
                    "owner", Map.of("email", "lea@example.test", "name", "Lea", "country", "DE", "marketingConsent", true)));
            assertThat(again.status()).isEqualTo(200);
        }
    }

    private static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(HubApplication.class).run(
                "--server.port=0", "--hub.data-dir=" + dataDir, "--hub.access.bootstrap-api-key=" + HubIntegrationTest.API_KEY, "--HUB_DEV_SMTP_PORT=" + FreePort.find(),
                "--spring.artemis.embedded.server-id=77");
    }

    private static HubClient client(ConfigurableApplicationContext hub) {
        String port = hub.getEnvironment().getProperty("local.server.port");
        return new HubClient(new TestRestTemplate(new RestTemplateBuilder().rootUri("http://127.0.0.1:" + port)));
    }
}
