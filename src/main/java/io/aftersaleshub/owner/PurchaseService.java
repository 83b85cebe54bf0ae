package io.aftersaleshub.owner;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.aftersaleshub.catalog.CatalogCache;
import io.aftersaleshub.platform.FieldProblem;
import io.aftersaleshub.platform.Problems;
import io.aftersaleshub.platform.RequestRejectedException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records purchases; (orderRef, sku) is the purchase's identity, so a re-sent one is recorded once. A re-sent
 * one with other content (another amount, owner, ...) is a 409 naming the differing fields.
 */
@Service
public class PurchaseService {

    /** Most purchases one {@link #recordAll} takes. */
    public static final int MAX_BULK = 100_000;

    public record Recorded(UUID ownerId, String orderRef, String sku, boolean duplicate) {
    }

    private final OwnerStore owners;
    private final JdbcClient jdbc;
    private final CatalogCache catalog;

    public PurchaseService(OwnerStore owners, JdbcClient jdbc, CatalogCache catalog) {
        this.owners = owners;
        this.jdbc = jdbc;
        this.catalog = catalog;
    }

    /** Whether the catalogue knows this SKU: only such purchases are recorded (they are what "already owned" means). */
    public boolean knowsSku(String sku) {
        return sku != null && catalog.current().item(sku.trim()).isPresent();
    }

    @Transactional
    public Recorded record(PurchaseRequest r) {
        validate(r);
        if (catalog.current().item(r.sku().trim()).isEmpty()) {
            // a purchase of something the catalogue does not know could never count as owning an offer
            throw RequestRejectedException.of(HttpStatus.UNPROCESSABLE_ENTITY, "sku", "names no item of the catalogue");
        }
        UUID ownerId = owners.ensure(r.ownerEmail().trim().toLowerCase());
        int rows = jdbc.sql("""
                        INSERT INTO purchase (owner_id, sku, order_ref, amount, currency, purchased_at, source)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (order_ref, sku) DO NOTHING
                        """)
                .params(ownerId, r.sku().trim(), r.orderRef().trim(), r.amount(), r.currency().trim().toUpperCase(),
                        Timestamp.from(r.purchasedAt().toInstant()), r.source().trim())
                .update();
        if (rows == 0) {
            // the order line was recorded before: the same content is a repeat, other content a conflict
            Stored stored = jdbc.sql("""
                            SELECT p.owner_id, o.email, p.amount, p.currency, p.purchased_at, p.source
                            FROM purchase p JOIN owner o ON o.id = p.owner_id WHERE p.order_ref = ? AND p.sku = ?
                            """)
                    .params(r.orderRef().trim(), r.sku().trim())
                    .query((rs, n) -> new Stored(rs.getObject(1, UUID.class), rs.getString(2), rs.getBigDecimal(3),
                            rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getString(6)))
                    .single();
            List<FieldProblem> differing = stored.differences(r);
            if (!differing.isEmpty()) {
                // rolls back the owner ensure() above: a refused request writes nothing
                throw new RequestRejectedException(HttpStatus.CONFLICT, differing);
            }
            return new Recorded(stored.ownerId(), r.orderRef().trim(), r.sku().trim(), true);
        }
        return new Recorded(ownerId, r.orderRef().trim(), r.sku().trim(), false);
    }

    /** The order line as recorded first. */
    private record Stored(UUID ownerId, String email, BigDecimal amount, String currency, Instant purchasedAt, String source) {

        List<FieldProblem> differences(PurchaseRequest r) {
            List<String> fields = new ArrayList<>();
            if (!email.equals(r.ownerEmail().trim().toLowerCase())) {
                fields.add("ownerEmail");
            }
            if (amount.compareTo(r.amount()) != 0) {
                fields.add("amount");
            }
            if (!currency.equals(r.currency().trim().toUpperCase())) {
                fields.add("currency");
            }
            // PostgreSQL keeps microseconds
            if (!purchasedAt.equals(r.purchasedAt().toInstant().truncatedTo(ChronoUnit.MICROS))) {
                fields.add("purchasedAt");
            }
            if (!source.equals(r.source().trim())) {
                fields.add("source");
            }
            return fields.stream()
                    .map(f -> new FieldProblem(f, "differs from the purchase recorded earlier with this orderRef and sku"))
                    .toList();
        }
    }

    private static void validate(PurchaseRequest r) {
        Problems p = new Problems();
        check(p, "", r);
        p.throwIfAny();
    }

    private static void check(Problems p, String at, PurchaseRequest r) {
        p.email(at + "ownerEmail", r.ownerEmail());
        p.text(at + "sku", r.sku(), 64);
        p.text(at + "orderRef", r.orderRef(), 200);
        p.money(at + "amount", r.amount());
        p.currency(at + "currency", r.currency());
        if (p.require(at + "purchasedAt", r.purchasedAt())) {
            java.time.Instant when = r.purchasedAt().toInstant();
            if (when.isBefore(java.time.Instant.parse("1980-01-01T00:00:00Z"))
                    || when.isAfter(java.time.Instant.now().plus(java.time.Duration.ofDays(1)))) {
                p.add(at + "purchasedAt", "must lie between 1980-01-01 and tomorrow");
            }
        }
        p.text(at + "source", r.source(), 100);
    }

    /**
     * What is wrong with a list of purchases, by index ({@code purchases[3].amount}); an order line twice
     * in the list is refused too. Empty when {@link #recordAll} would take them.
     */
    public List<FieldProblem> problemsOf(List<PurchaseRequest> purchases) {
        Problems p = new Problems();
        if (purchases.size() > MAX_BULK) {
            return p.add("body", "holds more than " + MAX_BULK + " purchases; send them in smaller files").list();
        }
        Set<String> seen = new HashSet<>();
        var known = catalog.current();
        for (int n = 0; n < purchases.size(); n++) {
            PurchaseRequest r = purchases.get(n);
            String at = "purchases[" + n + "].";
            int before = p.list().size();
            check(p, at, r);
            if (p.list().size() == before && known.item(r.sku().trim()).isEmpty()) {
                // as for one purchase (record): something the catalogue does not know could never count as owned
                p.add(at + "sku", "names no item of the catalogue");
            } else if (p.list().size() == before && !seen.add(r.orderRef().trim() + " / " + r.sku().trim())) {
                p.add(at + "sku", "appears twice in this file for order " + r.orderRef().trim());
            }
        }
        return p.list();
    }

    /**
     * Records many purchases in one transaction, all or nothing, creating bare owners for unknown e-mails;
     * order lines recorded before stay as they are. Returns how many were new.
     */
    @Transactional
    public int recordAll(List<PurchaseRequest> purchases) {
        Problems p = new Problems();
        problemsOf(purchases).forEach(f -> p.add(f.field(), f.reason()));
        p.throwIfAny();
        if (purchases.isEmpty()) {
            return 0;
        }
        String[] emails = purchases.stream().map(r -> r.ownerEmail().trim().toLowerCase()).toArray(String[]::new);
        String[] distinct = Arrays.stream(emails).distinct().toArray(String[]::new);
        jdbc.sql("INSERT INTO owner (id, email) SELECT * FROM unnest(?::uuid[], ?::text[]) ON CONFLICT (email) DO NOTHING")
                .params(Arrays.stream(distinct).map(e -> UUID.randomUUID()).toArray(UUID[]::new), distinct)
                .update();
        return jdbc.sql("""
                        INSERT INTO purchase (owner_id, sku, order_ref, amount, currency, purchased_at, source)
                        SELECT o.id, p.sku, p.ref, CAST(p.amount AS numeric), p.currency, CAST(p.at AS timestamptz), p.source
                        FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                             AS p(email, sku, ref, amount, currency, at, source)
                        JOIN owner o ON o.email = p.email
                        ON CONFLICT (order_ref, sku) DO NOTHING
                        """)
                .params(emails,
                        purchases.stream().map(r -> r.sku().trim()).toArray(String[]::new),
                        purchases.stream().map(r -> r.orderRef().trim()).toArray(String[]::new),
                        purchases.stream().map(r -> r.amount().toPlainString()).toArray(String[]::new),
                        purchases.stream().map(r -> r.currency().trim().toUpperCase()).toArray(String[]::new),
                        purchases.stream().map(r -> r.purchasedAt().toInstant().toString()).toArray(String[]::new),
                        purchases.stream().map(r -> r.source().trim()).toArray(String[]::new))
                .update();
    }
}
