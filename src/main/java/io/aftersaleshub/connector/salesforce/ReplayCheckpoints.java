package io.aftersaleshub.connector.salesforce;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The last processed change event per channel (table {@code salesforce_checkpoint}). */
@Repository
class ReplayCheckpoints {

    /** An opaque replay id (null after a catch-up by query) and the time of the change it stands for. */
    record Checkpoint(String replayId, Instant changedAt) {
    }

    private final JdbcClient jdbc;

    ReplayCheckpoints(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Checkpoint> find(String topic) {
        return jdbc.sql("SELECT replay_id, changed_at FROM salesforce_checkpoint WHERE topic = ?").param(topic)
                .query((rs, n) -> new Checkpoint(rs.getString(1), rs.getTimestamp(2).toInstant())).optional();
    }

    /**
     * Records a processed event. A replay id replaces the previous one; the time never goes back (events of one
     * channel may carry commit times slightly out of order).
     */
    void save(String topic, String replayId, Instant changedAt) {
        jdbc.sql("""
                        INSERT INTO salesforce_checkpoint (topic, replay_id, changed_at) VALUES (?, ?, ?)
                        ON CONFLICT (topic) DO UPDATE SET replay_id = EXCLUDED.replay_id,
                            changed_at = GREATEST(salesforce_checkpoint.changed_at, EXCLUDED.changed_at), updated_at = now()
                        """)
                .params(topic, replayId, Timestamp.from(changedAt)).update();
    }

    /** Drops the replay id Salesforce refused; the time stays, for the catch-up to read from. */
    void forgetReplayId(String topic) {
        jdbc.sql("UPDATE salesforce_checkpoint SET replay_id = NULL, updated_at = now() WHERE topic = ?").param(topic).update();
    }
}
