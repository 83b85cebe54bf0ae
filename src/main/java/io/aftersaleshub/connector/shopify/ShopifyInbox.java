package io.aftersaleshub.connector.shopify;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Shopify webhooks as delivered (raw bytes), unique by delivery id, each processed once: a processor claims a
 * received one with a row lock, applies it and marks it in the same transaction.
 */
@Repository
class ShopifyInbox {

    enum Status { RECEIVED, PROCESSED, DUPLICATE, IGNORED, FAILED }

    record Stored(long id, String deliveryId, String topic, byte[] body) {
    }

    private final JdbcClient jdbc;

    ShopifyInbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a delivery; empty when one with this id was stored before. */
    Optional<Long> store(String deliveryId, String topic, String shopDomain, byte[] body) {
        return jdbc.sql("""
                        INSERT INTO shopify_webhook (delivery_id, topic, shop_domain, body, status)
                        VALUES (?, ?, ?, ?, 'RECEIVED') ON CONFLICT (delivery_id) DO NOTHING RETURNING id
                        """)
                .params(deliveryId, topic, shopDomain, body).query(Long.class).optional();
    }

    /** Locks the delivery if it still waits and no one else holds it. */
    Optional<Stored> claim(long id) {
        return jdbc.sql("""
                        SELECT id, delivery_id, topic, body FROM shopify_webhook
                        WHERE id = ? AND status = 'RECEIVED' FOR UPDATE SKIP LOCKED
                        """)
                .param(id).query((rs, n) -> new Stored(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4)))
                .optional();
    }

    /** Whether another delivery of this order (any orders/* topic) was processed already. */
    boolean orderProcessed(long orderId, long exceptId) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM shopify_webhook WHERE order_id = ? AND topic LIKE 'orders/%'
                                       AND status = 'PROCESSED' AND id <> ?)
                        """)
                .params(orderId, exceptId).query(Boolean.class).single();
    }

    void finish(long id, Status status, Long orderId, String outcome) {
        jdbc.sql("""
                        UPDATE shopify_webhook SET status = ?, order_id = ?, outcome = ?, processed_at = now(), last_error = NULL
                        WHERE id = ?
                        """)
                .params(status.name(), orderId, outcome, id).update();
    }

    /** A failed attempt; after {@code maxAttempts} the delivery is parked as FAILED. Returns true when it was parked. */
    boolean recordFailure(long id, String error, int maxAttempts) {
        return jdbc.sql("""
                        UPDATE shopify_webhook SET attempts = attempts + 1, last_error = ?,
                               status = CASE WHEN attempts + 1 >= ? THEN 'FAILED' ELSE status END
                        WHERE id = ? AND status = 'RECEIVED' RETURNING status
                        """)
                .params(error, maxAttempts, id).query(String.class).optional().map("FAILED"::equals).orElse(false);
    }

    /** Deliveries still waiting after {@code age}: their queue message was lost (a crash, a broker outage). */
    List<Long> waiting(Duration age, int limit) {
        return jdbc.sql("""
                        SELECT id FROM shopify_webhook WHERE status = 'RECEIVED' AND received_at < now() - make_interval(secs => ?)
                        ORDER BY received_at LIMIT ?
                        """)
                .params((double) age.toMillis() / 1000.0, limit).query(Long.class).list();
    }
}
