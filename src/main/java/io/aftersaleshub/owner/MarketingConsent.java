package io.aftersaleshub.owner;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The owner module's published API for an owner's marketing consent, e.g. an unsubscribe link. */
@Component
public class MarketingConsent {

    private final JdbcClient jdbc;

    public MarketingConsent(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Withdraws the owner's consent to marketing (time-stamped when it changes); safe to repeat. False when
     * no owner has this id.
     */
    public boolean withdraw(UUID ownerId) {
        return jdbc.sql("""
                        UPDATE owner SET marketing_consent = false,
                            consent_changed_at = CASE WHEN marketing_consent THEN now() ELSE consent_changed_at END
                        WHERE id = ?""")
                .param(ownerId).update() == 1;
    }

    /** Whether the owner currently agrees to hear from us; false for an unknown owner. */
    public boolean given(UUID ownerId) {
        return jdbc.sql("SELECT marketing_consent FROM owner WHERE id = ?").param(ownerId)
                .query(Boolean.class).optional().orElse(false);
    }
}
