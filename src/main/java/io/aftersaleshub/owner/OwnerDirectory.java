package io.aftersaleshub.owner;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
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

    /**
     * A current ownership due for the daily job: {@code anniversaryYear} is N when the day is the N-th
     * anniversary of the ownership (from the purchase date for the first owner, from the transfer for a
     * later one), else 0; or its purchase date is one the caller asked for (warranty ends).
     */
    public record DueOwnership(UUID ownershipId, long unitId, UUID ownerId, String email, LocalDate purchaseDate,
                               int anniversaryYear) {
    }

    /** One page of current ownerships in id order: those due, how many were scanned, and the last id (for the next page). */
    public record DuePage(List<DueOwnership> due, int scanned, UUID last) {
    }

    /** Where the first page starts. */
    public static final UUID FIRST_PAGE = new UUID(0, 0);

    /**
     * Scans the next {@code limit} current ownerships after {@code after} (keyset pagination: 10 million
     * ownerships never sit in memory) and returns, with one statement, those whose anniversary is
     * {@code day} or whose purchase date is one of {@code purchaseDates}.
     */
    public DuePage dueOn(LocalDate day, Collection<LocalDate> purchaseDates, UUID after, int limit) {
        List<DueOwnership> due = new java.util.ArrayList<>();
        int[] scanned = {0};
        UUID[] last = {null};
        jdbc.sql("""
                        WITH page AS (
                            SELECT id, unit_id, owner_id, purchase_date,
                                   CASE WHEN transferred_from IS NULL THEN purchase_date
                                        ELSE CAST(owned_from AT TIME ZONE 'UTC' AS date) END AS since
                            FROM ownership WHERE owned_to IS NULL AND id > :after ORDER BY id LIMIT :limit),
                        edge AS (SELECT count(*) AS scanned, (SELECT id FROM page ORDER BY id DESC LIMIT 1) AS last FROM page),
                        aged AS (SELECT p.*, CAST(extract(year FROM CAST(:day AS date)) - extract(year FROM p.since) AS int) AS years
                                 FROM page p),
                        due AS (SELECT a.id, a.unit_id, a.owner_id, a.purchase_date,
                                       CASE WHEN a.years >= 1 AND CAST(a.since + make_interval(years => a.years) AS date) = CAST(:day AS date)
                                            THEN a.years ELSE 0 END AS anniversary
                                FROM aged a),
                        hit AS (SELECT * FROM due WHERE anniversary > 0 OR purchase_date = ANY (CAST(:dates AS date[])))
                        -- the e-mail by key for the few hits: a join lets the planner hash the whole owner table per page
                        SELECT e.scanned, e.last, h.id, h.unit_id, h.owner_id,
                               (SELECT o.email FROM owner o WHERE o.id = h.owner_id), h.purchase_date, h.anniversary
                        FROM edge e LEFT JOIN hit h ON true
                        """)
                .param("after", after).param("limit", limit).param("day", day.toString())
                .param("dates", purchaseDates.stream().map(LocalDate::toString).toArray(String[]::new))
                .query(rs -> {
                    scanned[0] = rs.getInt(1);
                    last[0] = rs.getObject(2, UUID.class);
                    UUID id = rs.getObject(3, UUID.class);
                    if (id != null) {
                        due.add(new DueOwnership(id, rs.getLong(4), rs.getObject(5, UUID.class), rs.getString(6),
                                rs.getDate(7).toLocalDate(), rs.getInt(8)));
                    }
                });
        return new DuePage(due, scanned[0], last[0]);
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
