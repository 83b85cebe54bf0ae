package io.aftersaleshub.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.aftersaleshub.HubApplication;
import io.aftersaleshub.support.HubClient;
import io.aftersaleshub.support.HubIntegrationTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * DATABASE_URL in the {@code postgres://user:pass@host:port/db} form makes the hub use that server and
 * start no embedded PostgreSQL. The "external" server is a separate PostgreSQL process on loopback.
 */
class ExternalDatabaseIT {

    @Test
    void withDatabaseUrlTheHubUsesThatServerAndStartsNoEmbeddedOne() throws Exception {
        Path dataDir = Files.createTempDirectory("hub-external-");
        try (EmbeddedPostgres server = EmbeddedPostgres.builder().start()) {
            JdbcClient external = JdbcClient.create(server.getPostgresDatabase());
            external.sql("CREATE USER hubuser PASSWORD 'p@ss:word'").update();
            external.sql("CREATE DATABASE hubdb OWNER hubuser").update();
            String url = "postgres://hubuser:p%40ss%3Aword@127.0.0.1:" + server.getPort() + "/hubdb";

            try (ConfigurableApplicationContext hub = new SpringApplicationBuilder(HubApplication.class).run(
                    "--server.port=0", "--hub.data-dir=" + dataDir, "--hub.access.bootstrap-api-key=" + HubIntegrationTest.API_KEY, "--DATABASE_URL=" + url,
                    "--HUB_LINK_KEY=external-database-it-link-key-of-32-chars",
                    "--HUB_OFFER_TOKEN_KEY=external-database-it-offer-token-key",
                    "--SMTP_HOST=127.0.0.1", "--SMTP_PORT=12527", "--SMTP_STARTTLS=false", "--spring.artemis.embedded.server-id=78")) {
                String port = hub.getEnvironment().getProperty("local.server.port");
                HubClient client = new HubClient(new TestRestTemplate(new RestTemplateBuilder().rootUri("http://127.0.0.1:" + port)));
                HubClient.Answer a = client.post("/api/purchases", Map.of("ownerEmail", "max@example.test", "sku", "WX-ESP-2Y",
                        "orderRef", "EXT-1", "amount", 79, "currency", "EUR", "purchasedAt", "2026-11-01T10:00:00Z", "source", "erp"));
                assertThat(a.status()).isEqualTo(201);
                assertThat(hub.containsBean("embeddedPostgres")).isFalse();
            }

            JdbcClient hubDb = JdbcClient.create(server.getDatabase("hubuser", "hubdb"));
            assertThat(hubDb.sql("SELECT order_ref FROM purchase").query(String.class).list()).containsExactly("EXT-1");
            assertThat(hubDb.sql("SELECT count(*) FROM product_model").query(Integer.class).single()).isEqualTo(5);
            assertThat(dataDir.resolve("postgres")).doesNotExist();
        }
    }
}
