package io.aftersaleshub.offer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.aftersaleshub.owner.PersonalData;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The decisions made for an owner, with their offers. Erasure keeps them: they name the owner only by id,
 * and the owner row is anonymised, so offers made and converted still count.
 */
@Component
@Order(1)
class DecisionPersonalData implements PersonalData {

    private final JdbcClient jdbc;

    DecisionPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String section() {
        return "decisions";
    }

    @Override
    public List<Map<String, Object>> export(Subject owner) {
        return jdbc.sql("""
                        SELECT id, event_id, moment, offer_sku, discount_percent, expires_at, reason, rules_version, rule_name, decided_at
                        FROM decision WHERE owner_id = ? ORDER BY decided_at
                        """)
                .param(owner.ownerId())
                .query((rs, n) -> {
                    Map<String, Object> d = new LinkedHashMap<>();
                    d.put("decisionId", rs.getObject("id", UUID.class));
                    d.put("eventId", rs.getObject("event_id", UUID.class));
                    d.put("moment", rs.getString("moment"));
                    d.put("offerSku", rs.getString("offer_sku"));
                    d.put("discountPercent", rs.getObject("discount_percent"));
                    d.put("expiresAt", rs.getTimestamp("expires_at") == null ? null : rs.getTimestamp("expires_at").toInstant());
                    d.put("reason", rs.getString("reason"));
                    d.put("rulesVersion", rs.getString("rules_version"));
                    d.put("ruleName", rs.getString("rule_name"));
                    d.put("decidedAt", rs.getTimestamp("decided_at").toInstant());
                    return d;
                }).list();
    }

    @Override
    public void erase(Subject owner) {
        // nothing personal: a decision names its owner by id only
    }
}
