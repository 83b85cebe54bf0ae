package io.aftersaleshub.owner;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
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

    /**
     * Hands a unit over: closes the ownership {@code from} and opens the new owner's, which keeps the
     * purchase date (the remaining standard warranty follows the unit) and remembers where it came from
     * (its anniversaries count from {@code at}). Empty when {@code from} is no longer the current
     * ownership: the unit changed hands meanwhile, and nothing is written.
     */
    public Optional<UUID> handOver(UUID from, UUID newOwnerId, Instant at) {
        Optional<Closed> closed = jdbc.sql("""
                        UPDATE ownership SET owned_to = ? WHERE id = ? AND owned_to IS NULL RETURNING unit_id, purchase_date
                        """)
                .params(java.sql.Timestamp.from(at), from)
                .query((rs, n) -> new Closed(rs.getLong(1), rs.getDate(2).toLocalDate())).optional();
        if (closed.isEmpty()) {
            return Optional.empty();
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO ownership (id, unit_id, owner_id, owned_from, purchase_date, channel, transferred_from)
                        VALUES (?, ?, ?, ?, ?, 'transfer', ?)
                        """)
                .params(id, closed.get().unitId(), newOwnerId, java.sql.Timestamp.from(at),
                        java.sql.Date.valueOf(closed.get().purchaseDate()), from)
                .update();
        return Optional.of(id);
    }

    private record Closed(long unitId, LocalDate purchaseDate) {
    }
}
