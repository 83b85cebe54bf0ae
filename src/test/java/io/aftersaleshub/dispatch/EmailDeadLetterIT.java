package io.aftersaleshub.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.aftersaleshub.support.FreePort;
import io.aftersaleshub.support.HubClient;
import io.aftersaleshub.support.HubIntegrationTest;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jms.core.JmsTemplate;

/**
 * The SMTP server is down: the e-mail action is retried with back-off, then marked FAILED with the error
 * and parked on the dead-letter queue. The operator sees it, brings SMTP back, replays — and the mail
 * goes out once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hub.mail.host=127.0.0.1", "hub.mail.dev-mailbox=false",
        "hub.dispatch.max-redeliveries=2", "hub.dispatch.redelivery-delay=100ms"})
class EmailDeadLetterIT extends HubIntegrationTest {

    /** A port nobody listens on until the test starts an SMTP server there. */
    static final int SMTP_PORT = FreePort.find();

    @DynamicPropertySource
    static void smtpPort(DynamicPropertyRegistry registry) {
        registry.add("hub.mail.port", () -> SMTP_PORT);
    }


    @Autowired
    TestRestTemplate rest;
    @Autowired
    JmsTemplate jms;

    @Test
    void anUnsendableEmailEndsFailedOnTheDeadLetterQueueAndGoesOutOnceWhenReplayed() throws Exception {
        HubClient hub = new HubClient(rest);
        String serial = "EM300-00001"; // from the demo catalogue, loaded at start
        String decisions = "/api/units/04098765000300/" + serial + "/decisions";
        HubClient.Answer a = hub.post("/api/registrations", Map.of("gtin", "04098765000300", "serial", serial,
                "purchaseDate", LocalDate.now(ZoneOffset.UTC).toString(),
                "owner", Map.of("email", "gus@example.test", "name", "Gus", "country", "FR", "marketingConsent", true)));
        assertThat(a.status()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Map<String, Object> action = firstAction(hub.list(decisions));
            // the first delivery and the broker's 2 redeliveries, then the dead-letter queue
            assertThat(action).containsEntry("status", "FAILED").containsEntry("attempts", 3);
            assertThat((String) action.get("lastError")).contains("MailConnectException").contains("port: 127.0.0.1, " + SMTP_PORT);
        });
        String actionId = (String) firstAction(hub.list(decisions)).get("actionId");

        HubClient.Answer failures = hub.get("/api/ops/failures");
        assertThat(failures.body().get("actions")).hasSize(1);
        assertThat(failures.body().at("/actions/0/actionId").asText()).isEqualTo(actionId);
        assertThat(failures.body().at("/actions/0/channel").asText()).isEqualTo("email");
        assertThat(failures.body().get("events")).isEmpty();

        GreenMail smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            HubClient.Answer retried = hub.post("/api/ops/failures/retry", "");
            assertThat(retried.body().get("actions").asInt()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(20)).until(() -> smtp.getReceivedMessages().length == 1);
            assertThat(smtp.getReceivedMessages()[0].getSubject()).startsWith("2-year warranty extension");
            await().atMost(Duration.ofSeconds(10)).until(() -> "SENT".equals(firstAction(hub.list(decisions)).get("status")));
            assertThat(hub.get("/api/ops/failures").body().get("actions")).isEmpty();
            // a second replay finds nothing to do, and nothing is sent again
            assertThat(hub.post("/api/ops/failures/retry", "").body().get("actions").asInt()).isZero();
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> smtp.getReceivedMessages().length == 1);
        } finally {
            smtp.stop();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstAction(List<Map<String, Object>> decisions) {
        return ((List<Map<String, Object>>) decisions.get(0).get("actions")).get(0);
    }
}
