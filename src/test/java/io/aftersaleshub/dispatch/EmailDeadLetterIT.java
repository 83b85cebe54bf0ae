package io.aftersaleshub.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.aftersaleshub.support.HubClient;
import io.aftersaleshub.support.HubIntegrationTest;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jms.core.JmsTemplate;

/**
 * An SMTP server that never answers: the e-mail action is retried with back-off, then marked FAILED
 * with the error and parked on the dead-letter queue, and the decision stays as it was.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hub.mail.host=127.0.0.1", "hub.mail.port=1", "hub.mail.dev-mailbox=false",
        "hub.dispatch.max-redeliveries=2", "hub.dispatch.redelivery-delay=100ms"})
class EmailDeadLetterIT extends HubIntegrationTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JmsTemplate jms;

    @Test
    void anUnsendableEmailEndsFailedOnTheDeadLetterQueue() throws Exception {
        HubClient hub = new HubClient(rest);
        String serial = "EM300-00001"; // from the demo catalogue, loaded at start
        HubClient.Answer a = hub.post("/api/registrations", Map.of("gtin", "04098765000300", "serial", serial,
                "purchaseDate", LocalDate.now().toString(),
                "owner", Map.of("email", "gus@example.test", "name", "Gus", "country", "FR", "marketingConsent", true)));
        assertThat(a.status()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<Map<String, Object>> d = hub.list("/api/units/04098765000300/" + serial + "/decisions");
            @SuppressWarnings("unchecked")
            Map<String, Object> action = ((List<Map<String, Object>>) d.get(0).get("actions")).get(0);
            assertThat(action).containsEntry("status", "FAILED").containsEntry("attempts", 1);
            assertThat((String) action.get("lastError")).contains("MailConnectException").contains("port: 127.0.0.1, 1");
        });
        jms.setReceiveTimeout(5000);
        TextMessage parked = (TextMessage) jms.receive(Queues.DEAD_LETTER);
        assertThat(parked).isNotNull();
        assertThat(parked.getText()).matches("[0-9a-f-]{36}");
        assertThat(parked.getStringProperty("hubFailedRoute")).isEqualTo("email-out-offer");
    }
}
