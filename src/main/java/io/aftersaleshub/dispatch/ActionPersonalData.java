package io.aftersaleshub.dispatch;

import java.util.List;
import java.util.Map;

import io.aftersaleshub.owner.PersonalData;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Outbound actions addressed to an owner: any channel's payload that holds the owner's e-mail address as one
 * of its values. On erasure every payload value equal to the address or the name becomes null, the address
 * is cut out of recorded errors, and actions not yet sent are parked as FAILED ({@link #ERASED}) so that they
 * are never sent, nor retried.
 */
@Component
@Order(2)
class ActionPersonalData implements PersonalData {

    static final String ERASED = "owner erased before sending";
    private static final String NAMES_OWNER = """
            EXISTS (SELECT 1 FROM jsonb_each_text(payload) AS p(k, v) WHERE lower(p.v) = lower(CAST(:email AS text)))""";

    private final JdbcClient jdbc;
    private final OutboxStore outbox;

    ActionPersonalData(JdbcClient jdbc, OutboxStore outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    @Override
    public String section() {
        return "actions";
    }

    @Override
    public List<Map<String, Object>> export(Subject owner) {
        List<java.util.UUID> ids = jdbc.sql("SELECT id FROM outbound_action WHERE " + NAMES_OWNER)
                .param("email", owner.email()).query(java.util.UUID.class).list();
        return outbox.findByIds(ids).stream().map(a -> {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("actionId", a.id());
            m.put("decisionId", a.decisionId());
            m.put("channel", a.channel());
            m.put("status", a.status().name());
            m.put("attempts", a.attempts());
            m.put("lastError", a.lastError());
            m.put("createdAt", a.createdAt());
            m.put("sentAt", a.sentAt());
            m.put("payload", a.payload());
            return m;
        }).toList();
    }

    @Override
    public void erase(Subject owner) {
        jdbc.sql("""
                        UPDATE outbound_action SET
                            payload = (SELECT jsonb_object_agg(p.k, CASE WHEN lower(p.v #>> '{}') IN (lower(CAST(:email AS text)), lower(coalesce(CAST(:name AS text), CAST(:email AS text))))
                                                                        THEN 'null'::jsonb ELSE p.v END)
                                       FROM jsonb_each(payload) AS p(k, v)),
                            last_error = CASE WHEN status = 'PENDING' THEN CAST(:erased AS text) ELSE replace(last_error, CAST(:email AS text), '[erased]') END,
                            status = CASE WHEN status = 'PENDING' THEN 'FAILED' ELSE status END,
                            claimed_until = NULL, claimed_by = NULL
                        WHERE %s
                        """.formatted(NAMES_OWNER))
                .param("email", owner.email()).param("name", owner.name()).param("erased", ERASED).update();
    }
}
