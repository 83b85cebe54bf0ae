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

        try (ConfigurableApplicationContext hub = start(dataDir, HubIntegrationTest.API_KEY)) {
            assertSafeOnASharedNetwork(hub, dataDir);
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

        String newKey = "a-new-bootstrap-key-after-restart-0123456789";
        try (ConfigurableApplicationContext hub = start(dataDir, newKey)) {
            // the password generated on the first start is reused
            assertThat(Files.readString(dataDir.resolve("postgres.password")).trim()).isEqualTo(firstPassword);
            // a changed HUB_BOOTSTRAP_API_KEY replaces the old key; the same value again changes nothing
            assertThat(client(hub).get("/api/keys").status()).isEqualTo(401);
            HubClient client = client(hub).withKey(newKey);
            JdbcClient db = hub.getBean(JdbcClient.class);
            String liveBootstrap = "SELECT id::text FROM api_key WHERE bootstrap AND revoked_at IS NULL";
            String id = db.sql(liveBootstrap).query(String.class).single();
            hub.getBean(io.aftersaleshub.access.ApiKeys.class).bootstrap(newKey);
            assertThat(db.sql(liveBootstrap).query(String.class).single()).isEqualTo(id);
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

    private String firstPassword;

    /**
     * Loopback only; PostgreSQL refuses user postgres without the password generated (owner-only) into the
     * data folder; Artemis has only its in-VM acceptor, so no port to protect.
     */
    private void assertSafeOnASharedNetwork(ConfigurableApplicationContext hub, Path dataDir) throws Exception {
        var connector = ((org.springframework.boot.web.embedded.tomcat.TomcatWebServer)
                ((org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext) hub).getWebServer())
                .getTomcat().getConnector();
        assertThat(String.valueOf(connector.getProperty("address"))).contains("127.0.0.1");
        int port = connector.getLocalPort();
        for (java.net.InetAddress address : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(i -> java.util.Collections.list(i.getInetAddresses()).stream())
                .filter(a -> !a.isLoopbackAddress() && a instanceof java.net.Inet4Address).toList()) {
            try (java.net.Socket s = new java.net.Socket()) {
                s.connect(new java.net.InetSocketAddress(address, port), 2000);
                throw new AssertionError("the hub answers on " + address + ":" + port);
            } catch (java.net.ConnectException | java.net.SocketTimeoutException expected) {
                // refused: it listens on loopback only
            }
        }

        Path passwordFile = dataDir.resolve("postgres.password");
        firstPassword = Files.readString(passwordFile).trim();
        assertThat(firstPassword).matches("[0-9a-f]{48}");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)))
                .isEqualTo("rw-------");
        int pgPort = hub.getBean(io.zonky.test.db.postgres.embedded.EmbeddedPostgres.class).getPort();
        for (String password : new String[] {null, "", "postgres"}) {
            java.util.Properties props = new java.util.Properties();
            props.setProperty("user", "postgres");
            if (password != null) {
                props.setProperty("password", password);
            }
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> java.sql.DriverManager.getConnection(
                            "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres", props).close())
                    .isInstanceOf(java.sql.SQLException.class).hasMessageContaining("password");
        }
        java.util.Properties withPassword = new java.util.Properties();
        withPassword.setProperty("user", "postgres");
        withPassword.setProperty("password", firstPassword);
        java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres", withPassword).close();

        var artemis = hub.getBean(org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ.class).getActiveMQServer();
        assertThat(artemis.getConfiguration().getAcceptorConfigurations()).isNotEmpty().allSatisfy(a ->
                assertThat(a.getFactoryClassName()).isEqualTo(
                        org.apache.activemq.artemis.core.remoting.impl.invm.InVMAcceptorFactory.class.getName()));
        assertThat(artemis.getRemotingService().getAcceptors().values()).isNotEmpty().allSatisfy(a ->
                assertThat(a).isInstanceOf(org.apache.activemq.artemis.core.remoting.impl.invm.InVMAcceptor.class));
    }

    private static ConfigurableApplicationContext start(Path dataDir, String bootstrapKey) {
        return new SpringApplicationBuilder(HubApplication.class).run(
                "--server.port=0", "--hub.data-dir=" + dataDir, "--hub.access.bootstrap-api-key=" + bootstrapKey,
                "--HUB_DEV_SMTP_PORT=" + FreePort.find(), "--spring.artemis.embedded.server-id=77",
                // the one setting besides ports: owner ids are random, and the default 10 % holdout would hold Lea out now and then
                "--HUB_OFFER_HOLDOUT_SHARE=0");
    }

    private static HubClient client(ConfigurableApplicationContext hub) {
        String port = hub.getEnvironment().getProperty("local.server.port");
        return new HubClient(new TestRestTemplate(new RestTemplateBuilder().rootUri("http://127.0.0.1:" + port)));
    }
}
