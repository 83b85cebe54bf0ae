package io.aftersaleshub.owner;

import java.sql.Timestamp;
import java.util.UUID;

import io.aftersaleshub.platform.Problems;
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
        return new Recorded(ownerId, r.orderRef().trim(), r.sku().trim(), rows == 0);
    }

    private static void validate(PurchaseRequest r) {
        Problems p = new Problems();
        p.email("ownerEmail", r.ownerEmail());
        if (p.require("sku", r.sku())) {
            p.maxLength("sku", r.sku(), 64);
        }
        if (p.require("orderRef", r.orderRef())) {
            p.maxLength("orderRef", r.orderRef(), 200);
        }
        if (p.require("amount", r.amount()) && r.amount().signum() < 0) {
            p.add("amount", "must not be negative");
        }
        if (p.require("currency", r.currency()) && !r.currency().trim().matches("[A-Za-z]{3}")) {
            p.add("currency", "must be a 3-letter ISO 4217 code");
        }
        p.require("purchasedAt", r.purchasedAt());
        if (p.require("source", r.source())) {
            p.maxLength("source", r.source(), 100);
        }
        p.throwIfAny();
    }
}
