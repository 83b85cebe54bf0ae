package io.aftersaleshub.dispatch;

import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Clicks on tracked offer links ({@code offer_click}): the first click of a decision's e-mail link, once per
 * decision (its primary key). Readable by other modules through {@link #clickedAt}.
 */
@Repository
public class ClickStore {

    private final JdbcClient jdbc;

    public ClickStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a click on the e-mail link of this decision (a second click changes nothing) and returns the
     * offered SKU; empty when no offer e-mail was made for the decision.
     */
    @Transactional
    public Optional<String> click(UUID decisionId) {
        Optional<String> sku = jdbc.sql("""
                        SELECT payload ->> 'sku' FROM outbound_action WHERE decision_id = ? AND channel = ?""")
                .params(decisionId, EmailChannel.NAME).query(String.class).optional();
        if (sku.isPresent()) {
            jdbc.sql("""
                            INSERT INTO offer_click (decision_id, action_id)
                            SELECT decision_id, id FROM outbound_action WHERE decision_id = ? AND channel = ?
                            ON CONFLICT (decision_id) DO NOTHING""")
                    .params(decisionId, EmailChannel.NAME).update();
        }
        return sku;
    }

    /** When the decision's offer link was first clicked, if it was. */
    public Optional<java.time.Instant> clickedAt(UUID decisionId) {
        return jdbc.sql("SELECT clicked_at FROM offer_click WHERE decision_id = ?").param(decisionId)
                .query(java.sql.Timestamp.class).optional().map(java.sql.Timestamp::toInstant);
    }
}
