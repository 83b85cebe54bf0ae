package io.aftersaleshub.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.aftersaleshub.support.HubClient;
import io.aftersaleshub.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A claim holds exactly as long as its sender lives: a sender that is alive but slow keeps its action long
 * after {@code claimed_until} (so no mail goes out twice), and the moment its PostgreSQL session ends the
 * action can be claimed and is republished at once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ClaimLivenessIT extends HubIntegrationTest {

    @DynamicPropertySource
    static void mailbox(DynamicPropertyRegistry registry) {
        devMailboxOnAFreePort(registry);
    }

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    OutboxStore outbox;
    @Autowired
    SenderLiveness liveness;

    @Test
    void aLiveSlowSenderKeepsItsClaimAndADeadOnesActionMovesOnAtOnce() throws Exception {
        HubClient hub = new HubClient(rest);
        assertThat(hub.post("/api/registrations", Map.of("gtin", "04098765000300", "serial", "EM300-00005",
                "purchaseDate", LocalDate.now(ZoneOffset.UTC).toString(),
                "owner", Map.of("email", "lia@example.test", "name", "Lia", "country", "DE", "marketingConsent", true)))
                .status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                jdbc.sql("SELECT count(*) FROM outbound_action WHERE status = 'SENT'").query(Integer.class).single() == 1);
        UUID action = jdbc.sql("SELECT id FROM outbound_action").query(UUID.class).single();
        assertThat(liveness.id()).isPositive();

        int otherSender = liveness.id() == 4242 ? 4243 : 4242;
        try (Connection otherProcess = dataSource.getConnection()) {
            lock(otherProcess, "pg_advisory_lock", otherSender);
            // another sender, alive, claimed the action long ago and is still sending
            jdbc.sql("""
                            UPDATE outbound_action SET status = 'PENDING', sent_at = NULL, published_at = now() - interval '1 hour',
                                claimed_by = ?, claimed_until = now() - interval '10 minutes' WHERE id = ?
                            """).params(otherSender, action).update();
            assertThat(outbox.claimAll(List.of(action), Duration.ofMinutes(2))).as("held by a live sender").isEmpty();
            assertThat(outbox.stale(Duration.ZERO, 10)).as("not stale while its sender lives").isEmpty();

            lock(otherProcess, "pg_advisory_unlock", otherSender); // the sender's session ends (as with kill -9)
        }
        assertThat(outbox.stale(Duration.ofHours(1), 10)).extracting(OutboxStore.Routed::id).as("republished at once").containsExactly(action);
        assertThat(outbox.claimAll(List.of(action), Duration.ofMinutes(2))).extracting(OutboxStore.Claimed::id).containsExactly(action);
        assertThat(jdbc.sql("SELECT claimed_by FROM outbound_action WHERE id = ?").param(action).query(Integer.class).single())
                .isEqualTo(liveness.id());
        assertThat(outbox.claimAll(List.of(action), Duration.ofMinutes(2))).as("now held by this live process").isEmpty();
        outbox.markSent(List.of(action));
    }

    private static void lock(Connection c, String function, int id) throws Exception {
        try (PreparedStatement s = c.prepareStatement("SELECT " + function + "(?, ?)")) {
            s.setInt(1, SenderLiveness.LOCK_SPACE);
            s.setInt(2, id);
            s.execute();
        }
    }
}
