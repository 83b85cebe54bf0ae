package io.aftersaleshub.owner;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The owner module's published read side for other modules: current owners of units and what owners
 * already bought, each for many units or owners with one statement.
 */
@Component
public class OwnerDirectory {

    /** The current owner of a unit and the ownership's facts. */
    public record CurrentOwner(long unitId, UUID ownershipId, UUID ownerId, String email, String name, String country,
                               String locale, boolean marketingConsent, LocalDate purchaseDate, Instant ownedFrom,
                               String channel) {
    }

    private final JdbcClient jdbc;

    public OwnerDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Map<Long, CurrentOwner> currentOwners(Collection<Long> unitIds) {
        if (unitIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, CurrentOwner> out = new HashMap<>();
        jdbc.sql("""
                        SELECT os.unit_id, os.id, o.id, o.email, o.name, o.country, o.locale, o.marketing_consent,
                               os.purchase_date, os.owned_from, os.channel
                        FROM ownership os JOIN owner o ON o.id = os.owner_id
                        WHERE os.unit_id = ANY (?) AND os.owned_to IS NULL
                        """)
                .param(unitIds.toArray(Long[]::new))
                .query((rs, n) -> {
                    Date purchased = rs.getDate(9);
                    return new CurrentOwner(rs.getLong(1), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getBoolean(8),
                            purchased == null ? null : purchased.toLocalDate(), rs.getTimestamp(10).toInstant(), rs.getString(11));
                })
                .list().forEach(c -> out.put(c.unitId(), c));
        return out;
    }

    /** The SKUs each owner bought (any order, any source); owners without purchases are absent. */
    public Map<UUID, Set<String>> ownedSkus(Collection<UUID> ownerIds) {
        if (ownerIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, Set<String>> out = new HashMap<>();
        jdbc.sql("SELECT DISTINCT owner_id, sku FROM purchase WHERE owner_id = ANY (?)")
                .param(ownerIds.toArray(UUID[]::new))
                .query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getString(2)))
                .list().forEach(e -> out.computeIfAbsent(e.getKey(), k -> new HashSet<>()).add(e.getValue()));
        return out;
    }

    /** Of these units, the ones that had an earlier owner (an ownership of them has ended, e.g. by a transfer). */
    public Set<Long> unitsWithEarlierOwners(Collection<Long> unitIds) {
        if (unitIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("SELECT DISTINCT unit_id FROM ownership WHERE unit_id = ANY (?) AND owned_to IS NOT NULL")
                .param(unitIds.toArray(Long[]::new)).query(Long.class).list());
    }

    /**
     * Locks these owners' rows until the caller's transaction ends, so that work about one owner (such as
     * counting and making offers under a frequency cap) is serialised across transactions and hub nodes.
     * Rows are locked in e-mail order, the order in which registrations upsert owners, so that two
     * transactions locking overlapping owners never deadlock; {@code FOR NO KEY UPDATE} does not block
     * inserts that merely reference an owner (purchases, ownerships).
     */
    public void lock(Collection<UUID> ownerIds) {
        if (ownerIds.isEmpty()) {
            return;
        }
        jdbc.sql("SELECT id FROM owner WHERE id = ANY (?) ORDER BY email FOR NO KEY UPDATE")
                .param(ownerIds.toArray(UUID[]::new)).query(UUID.class).list();
    }
}
