package io.aftersaleshub.owner;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

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

    public record Recorded(UUID ownerId, String orderRef, String sku, boolean duplicate) {
    }

    private final OwnerStore owners;
    private final JdbcClient jdbc;

    public PurchaseService(OwnerStore owners, JdbcClient jdbc) {
        this.owners = owners;
        this.jdbc = jdbc;
    }

    @Transactional
    public Recorded record(PurchaseRequest r) {
        validate(r);
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
        p.email("ownerEmail", r.ownerEmail());
        p.text("sku", r.sku(), 64);
        p.text("orderRef", r.orderRef(), 200);
        p.money("amount", r.amount());
        p.currency("currency", r.currency());
        if (p.require("purchasedAt", r.purchasedAt())) {
            java.time.Instant at = r.purchasedAt().toInstant();
            if (at.isBefore(java.time.Instant.parse("1980-01-01T00:00:00Z"))
                    || at.isAfter(java.time.Instant.now().plus(java.time.Duration.ofDays(1)))) {
                p.add("purchasedAt", "must lie between 1980-01-01 and tomorrow");
            }
        }
        p.text("source", r.source(), 100);
        p.throwIfAny();
    }
}
