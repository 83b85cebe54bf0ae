package io.aftersaleshub.owner;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Who owns which unit, from when; at most one current owner per unit (a unique partial index). */
@Repository
public class OwnershipStore {

    private final JdbcClient jdbc;

    public OwnershipStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new current ownership, as a registration starts it. */
    public record Start(UUID id, long unitId, UUID ownerId, Instant from, LocalDate purchaseDate, String channel) {
    }

    /** Starts the ownerships of a batch of registrations with one statement. */
    public void startAll(java.util.List<Start> starts) {
        if (starts.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO ownership (id, unit_id, owner_id, owned_from, purchase_date, channel)
                        SELECT id, unit_id, owner_id, CAST(owned_from AS timestamptz), CAST(purchase_date AS date), channel
                        FROM unnest(?, ?, ?, ?, ?, ?) AS s(id, unit_id, owner_id, owned_from, purchase_date, channel)
                        """)
                .params(starts.stream().map(Start::id).toArray(UUID[]::new),
                        starts.stream().map(Start::unitId).toArray(Long[]::new),
                        starts.stream().map(Start::ownerId).toArray(UUID[]::new),
                        starts.stream().map(st -> st.from().toString()).toArray(String[]::new),
                        starts.stream().map(st -> st.purchaseDate().toString()).toArray(String[]::new),
                        starts.stream().map(Start::channel).toArray(String[]::new))
                .update();
    }
}
