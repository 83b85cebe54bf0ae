package io.aftersaleshub.connector.shopify;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The discount codes made in the shop, one per decision. */
@Repository
class ShopifyDiscountStore {

    private final JdbcClient jdbc;

    ShopifyDiscountStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean exists(UUID decisionId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM shopify_discount_code WHERE decision_id = ?)").param(decisionId)
                .query(Boolean.class).single();
    }

    void insert(UUID decisionId, String code, String discountId, String variantId) {
        jdbc.sql("""
                        INSERT INTO shopify_discount_code (decision_id, code, discount_id, variant_id) VALUES (?, ?, ?, ?)
                        ON CONFLICT (decision_id) DO NOTHING
                        """)
                .params(decisionId, code, discountId, variantId).update();
    }
}
