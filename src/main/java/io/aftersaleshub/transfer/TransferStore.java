package io.aftersaleshub.transfer;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Started ownership transfers, found by their token's hash. */
@Repository
class TransferStore {

    record Transfer(UUID id, long unitId, String gtin, String serial, UUID fromOwnershipId, String newOwnerEmail,
                    Instant expiresAt, Instant completedAt) {
    }

    private final JdbcClient jdbc;

    TransferStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Transfer t, String tokenHash, Instant createdAt) {
        jdbc.sql("""
                        INSERT INTO ownership_transfer (id, unit_id, gtin, serial, from_ownership_id, new_owner_email, token_hash,
                                                        created_at, expires_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                .params(t.id(), t.unitId(), t.gtin(), t.serial(), t.fromOwnershipId(), t.newOwnerEmail(), tokenHash,
                        Timestamp.from(createdAt), Timestamp.from(t.expiresAt()))
                .update();
    }

    /** The transfer of this token hash, locked until the transaction ends, so that a token completes once. */
    Optional<Transfer> lockByTokenHash(String tokenHash) {
        return jdbc.sql("""
                        SELECT id, unit_id, gtin, serial, from_ownership_id, new_owner_email, expires_at, completed_at
                        FROM ownership_transfer WHERE token_hash = ? FOR UPDATE
                        """)
                .param(tokenHash)
                .query((rs, n) -> {
                    Timestamp completed = rs.getTimestamp(8);
                    return new Transfer(rs.getObject(1, UUID.class), rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getObject(5, UUID.class), rs.getString(6), rs.getTimestamp(7).toInstant(),
                            completed == null ? null : completed.toInstant());
                })
                .optional();
    }

    void completed(UUID id, UUID toOwnershipId, Instant at) {
        jdbc.sql("UPDATE ownership_transfer SET completed_at = ?, to_ownership_id = ? WHERE id = ?")
                .params(Timestamp.from(at), toOwnershipId, id).update();
    }
}
