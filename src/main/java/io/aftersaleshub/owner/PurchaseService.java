package io.aftersaleshub.owner;

import java.sql.Timestamp;
import java.util.UUID;

import io.aftersaleshub.catalog.CatalogCache;
import io.aftersaleshub.platform.Problems;
import io.aftersaleshub.platform.RequestRejectedException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Records purchases; (orderRef, sku) is the purchase's identity, so a re-sent one is recorded once. */
@Service
public class PurchaseService {

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
            // the order line was recorded before, perhaps under another e-mail: answer with what is stored
            UUID storedOwner = jdbc.sql("SELECT owner_id FROM purchase WHERE order_ref = ? AND sku = ?")
                    .params(r.orderRef().trim(), r.sku().trim()).query(UUID.class).single();
            return new Recorded(storedOwner, r.orderRef().trim(), r.sku().trim(), true);
        }
        return new Recorded(ownerId, r.orderRef().trim(), r.sku().trim(), false);
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
