package io.aftersaleshub.offer;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Redeemed offer tokens: one row per decision, so a token is redeemed once whatever the concurrency. */
@Repository
class RedemptionStore implements OfferRedemptions.Store {

    private final JdbcClient jdbc;

    RedemptionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Instant> redeemedAt(UUID decisionId) {
        return jdbc.sql("SELECT redeemed_at FROM offer_redemption WHERE decision_id = ?").param(decisionId)
                .query(Timestamp.class).optional().map(Timestamp::toInstant);
    }

    @Override
    public boolean redeem(OfferToken t, Instant at) {
        return jdbc.sql("""
                        INSERT INTO offer_redemption (decision_id, sku, discount_percent, redeemed_at)
                        SELECT id, ?, ?, ? FROM decision WHERE id = ?
                        ON CONFLICT (decision_id) DO NOTHING
                        """)
                .params(t.sku(), t.discountPercent(), Timestamp.from(at), t.decisionId()).update() == 1;
    }

    @Override
    public boolean decisionExists(UUID decisionId) {
        return jdbc.sql("SELECT count(*) FROM decision WHERE id = ?").param(decisionId).query(Integer.class).single() > 0;
    }
}
