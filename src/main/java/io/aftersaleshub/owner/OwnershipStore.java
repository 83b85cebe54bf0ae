package io.aftersaleshub.owner;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Who owns which unit, from when; at most one current owner per unit (a unique partial index). */
@Repository
public class OwnershipStore {

    public record Ownership(UUID id, long unitId, UUID ownerId, String ownerEmail, LocalDate purchaseDate) {
    }

    private final JdbcClient jdbc;

    public OwnershipStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Ownership> current(long unitId) {
        return jdbc.sql("""
                        SELECT os.id, os.unit_id, os.owner_id, o.email, os.purchase_date
                        FROM ownership os JOIN owner o ON o.id = os.owner_id
                        WHERE os.unit_id = ? AND os.owned_to IS NULL
                        """)
                .param(unitId)
                .query((rs, n) -> new Ownership(rs.getObject("id", UUID.class), rs.getLong("unit_id"),
                        rs.getObject("owner_id", UUID.class), rs.getString("email"), rs.getDate("purchase_date").toLocalDate()))
                .optional();
    }

    public UUID start(long unitId, UUID ownerId, Instant from, LocalDate purchaseDate, String channel) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO ownership (id, unit_id, owner_id, owned_from, purchase_date, channel)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """)
                .params(id, unitId, ownerId, Timestamp.from(from), purchaseDate, channel)
                .update();
        return id;
    }
}
