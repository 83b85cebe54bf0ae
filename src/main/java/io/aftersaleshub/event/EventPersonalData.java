package io.aftersaleshub.event;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.aftersaleshub.owner.PersonalData;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Events that name the owner's e-mail address: exported whole; on erasure the address is removed from them. */
@Component
@Order(3)
class EventPersonalData implements PersonalData {

    private final JdbcClient jdbc;

    EventPersonalData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String section() {
        return "events";
    }

    @Override
    public List<Map<String, Object>> export(Subject owner) {
        return jdbc.sql("""
                        SELECT id, type, source, source_event_id, occurred_at, received_at, gtin, serial, owner_email,
                               CAST(attributes AS text) AS attributes, status
                        FROM hub_event WHERE lower(owner_email) = lower(?) ORDER BY received_at
                        """)
                .param(owner.email())
                .query((rs, n) -> {
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("id", rs.getObject("id", UUID.class));
                    e.put("type", rs.getString("type"));
                    e.put("source", rs.getString("source"));
                    e.put("sourceEventId", rs.getString("source_event_id"));
                    e.put("occurredAt", rs.getTimestamp("occurred_at").toInstant());
                    e.put("receivedAt", rs.getTimestamp("received_at").toInstant());
                    e.put("gtin", rs.getString("gtin"));
                    e.put("serial", rs.getString("serial"));
                    e.put("ownerEmail", rs.getString("owner_email"));
                    e.put("attributes", rs.getString("attributes"));
                    e.put("status", rs.getString("status"));
                    return e;
                }).list();
    }

    @Override
    public void erase(Subject owner) {
        jdbc.sql("""
                        UPDATE hub_event SET owner_email = NULL, last_error = replace(last_error, owner_email, '[erased]')
                        WHERE lower(owner_email) = lower(?)
                        """)
                .param(owner.email()).update();
    }
}
