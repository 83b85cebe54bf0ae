package io.aftersaleshub.dispatch;

import java.util.Optional;
import java.util.UUID;

import io.aftersaleshub.offer.DecisionClicks;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Clicks on tracked offer links ({@code offer_click}): the first click of a decision's e-mail link, once per
 * decision (its primary key), and how often the link was followed since ({@code follows}). Readable by other
 * modules through {@link DecisionClicks}.
 */
@Repository
public class ClickStore implements DecisionClicks {

    private final JdbcClient jdbc;

    public ClickStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a click on the e-mail link of this decision (a second click only counts as another follow) and
     * returns the offered SKU; empty when no offer e-mail was made for the decision.
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
                            ON CONFLICT (decision_id) DO UPDATE SET follows = offer_click.follows + 1""")
                    .params(decisionId, EmailChannel.NAME).update();
        }
        return sku;
    }

    @Override
    public Clicks of(UUID decisionId) {
        return jdbc.sql("SELECT follows, clicked_at FROM offer_click WHERE decision_id = ?").param(decisionId)
                .query((rs, n) -> new Clicks(rs.getInt(1), rs.getTimestamp(2).toInstant())).optional().orElse(Clicks.NONE);
    }
}
