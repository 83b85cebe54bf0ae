package io.aftersaleshub.owner;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Owners by lower-cased e-mail; consent changes are time-stamped. */
@Repository
public class OwnerStore {

    private final JdbcClient jdbc;

    public OwnerStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** An owner as a registration names them. */
    public record Registered(String email, String name, String country, String locale, boolean consent) {
    }

    /**
     * Creates or updates the owners of a batch of registrations with one statement (e-mails must be
     * distinct); returns their ids by e-mail.
     */
    public java.util.Map<String, UUID> upsertRegisteredAll(java.util.List<Registered> owners) {
        java.util.Map<String, UUID> out = new java.util.HashMap<>();
        if (owners.isEmpty()) {
            return out;
        }
        jdbc.sql("""
                        INSERT INTO owner (id, email, name, country, locale, marketing_consent, consent_changed_at)
                        SELECT id, email, name, country, locale, consent, now()
                        FROM unnest(?, ?, ?, ?, ?, ?) AS o(id, email, name, country, locale, consent)
                        ON CONFLICT (email) DO UPDATE SET name = excluded.name, country = excluded.country,
                            locale = coalesce(excluded.locale, owner.locale),
                            marketing_consent = excluded.marketing_consent,
                            consent_changed_at = CASE WHEN owner.marketing_consent IS DISTINCT FROM excluded.marketing_consent
                                                      THEN now() ELSE owner.consent_changed_at END
                        RETURNING id, email
                        """)
                .params(owners.stream().map(o -> UUID.randomUUID()).toArray(UUID[]::new),
                        owners.stream().map(Registered::email).toArray(String[]::new),
                        owners.stream().map(Registered::name).toArray(String[]::new),
                        owners.stream().map(Registered::country).toArray(String[]::new),
                        owners.stream().map(Registered::locale).toArray(String[]::new),
                        owners.stream().map(Registered::consent).toArray(Boolean[]::new))
                .query((rs, n) -> java.util.Map.entry(rs.getString(2), rs.getObject(1, UUID.class)))
                .list().forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** The owner with this e-mail, created bare (no consent) if unknown: a purchase may come before registration. */
    public UUID ensure(String email) {
        return jdbc.sql("""
                        INSERT INTO owner (id, email) VALUES (?, ?)
                        ON CONFLICT (email) DO UPDATE SET email = excluded.email
                        RETURNING id
                        """)
                .params(UUID.randomUUID(), email)
                .query(UUID.class).single();
    }
}
