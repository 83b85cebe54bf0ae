package io.aftersaleshub.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.aftersaleshub.support.HubClient;
import io.aftersaleshub.support.HubIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Owners' e-mail addresses and names never reach the logs nor the failure records: owners with distinctive
 * names and addresses register, a registration collides in the database, and the SMTP server refuses the
 * recipient (echoing the address, as real servers do) until the action lands on the dead-letter queue. The
 * captured log output, the failures view and the stored errors are then searched for those strings.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hub.mail.host=127.0.0.1", "hub.mail.dev-mailbox=false",
        "hub.dispatch.max-redeliveries=1", "hub.dispatch.redelivery-delay=100ms"})
class PersonalDataInLogsIT extends HubIntegrationTest {

    static final List<String> SECRETS = List.of("xanthippe.vortigern", "Xanthippe", "Vortigern", "quimby.ossory", "Quimby", "Ossory");
    static final RefusingSmtp SMTP = new RefusingSmtp();

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("hub.mail.port", SMTP::port);
    }

    @AfterAll
    static void stopSmtp() throws IOException {
        SMTP.close();
    }

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcClient jdbc;

    @Test
    void noAddressOrNameInLogsOrFailureRecords(CapturedOutput output) {
        HubClient hub = new HubClient(rest);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertThat(hub.post("/api/registrations", Map.of("gtin", "04098765000300", "serial", "EM300-00004", "purchaseDate", today,
                "owner", Map.of("email", "xanthippe.vortigern@example.test", "name", "Xanthippe Vortigern", "country", "DE",
                        "marketingConsent", true))).status()).isEqualTo(201);
        assertThat(hub.post("/api/registrations", Map.of("gtin", "04098765000300", "serial", "EM300-00004", "purchaseDate", today,
                "owner", Map.of("email", "quimby.ossory@example.test", "name", "Quimby Ossory", "country", "DE",
                        "marketingConsent", true))).status()).as("the unit is someone else's").isEqualTo(409);
        assertThat(hub.post("/api/purchases", Map.of("ownerEmail", "Quimby.Ossory@example.test", "sku", "WX-ESP-2Y",
                "orderRef", "LOG-1", "amount", -5, "currency", "EUR", "purchasedAt", "2026-10-01T09:00:00Z", "source", "shop"))
                .status()).isEqualTo(400);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(hub.get("/api/ops/failures").body().get("actions")).hasSize(1));
        assertThat(SMTP.refused()).as("the SMTP server refused the recipient, naming the address").isGreaterThanOrEqualTo(2);

        String failures = hub.get("/api/ops/failures").body().toString();
        assertThat(failures).contains("550").contains("<e-mail>");
        String storedErrors = String.join("\n", jdbc.sql(
                "SELECT coalesce(last_error, '') FROM outbound_action UNION ALL SELECT coalesce(last_error, '') FROM hub_event")
                .query(String.class).list());
        assertThat(output.getAll()).contains("failed, the broker redelivers"); // the failure was logged, and is searched below
        for (String secret : SECRETS) {
            assertThat(output.getAll()).as("log output").doesNotContainIgnoringCase(secret);
            assertThat(failures).as("failures view").doesNotContainIgnoringCase(secret);
            assertThat(storedErrors).as("stored errors").doesNotContainIgnoringCase(secret);
        }
    }

    /** A minimal SMTP server that refuses every recipient, echoing the address as real servers do. */
    static final class RefusingSmtp implements AutoCloseable {
        private final ServerSocket server;
        private volatile int refused;

        RefusingSmtp() {
            try {
                server = new ServerSocket(0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            Thread t = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        Thread c = new Thread(() -> converse(s));
                        c.setDaemon(true);
                        c.start();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return server.getLocalPort();
        }

        int refused() {
            return refused;
        }

        private void converse(Socket s) {
            try (s; BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                 PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.US_ASCII)) {
                out.print("220 refusing.test ESMTP\r\n");
                out.flush();
                String line;
                while ((line = in.readLine()) != null) {
                    String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                    switch (verb) {
                        case "RCPT" -> {
                            refused++;
                            String address = line.substring(line.indexOf(':') + 1).trim();
                            out.print("550 5.1.1 " + address + ": Recipient address rejected: User unknown\r\n");
                        }
                        case "QUIT" -> {
                            out.print("221 bye\r\n");
                            out.flush();
                            return;
                        }
                        default -> out.print("250 ok\r\n");
                    }
                    out.flush();
                }
            } catch (IOException ignored) {
                // the client went away
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
