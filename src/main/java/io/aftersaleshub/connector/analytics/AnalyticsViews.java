package io.aftersaleshub.connector.analytics;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads the documented views {@code analytics_decisions}, {@code analytics_deliveries} (V11), {@code analytics_clicks}
 * and {@code analytics_conversions} (V14) — never the tables underneath — and keeps the feeds' checkpoints.
 */
@Repository
class AnalyticsViews {

    /** A sent delivery, as the "Offer Delivered" feed reports it. */
    record Delivery(UUID actionId, UUID decisionId, String channel, Instant sentAt, String moment, String sku, UUID ownerId) {
    }

    /** A first click on an offer link, as the "Offer Clicked" feed reports it. */
    record Click(UUID decisionId, Instant clickedAt, String moment, String sku, UUID ownerId) {
    }

    /** A conversion, as the "Order Completed" feed reports it ({@code recordedAt} orders the feed). */
    record Converted(UUID decisionId, String orderRef, String matchedBy, BigDecimal revenue, String currency,
                     Instant convertedAt, Instant recordedAt, String moment, String sku, UUID ownerId) {
    }

    /** Where a feed has got to, in (time, id) order: (sent_at, action id), (clicked_at, decision id), (recorded_at, decision id). */
    record Checkpoint(Instant at, UUID id) {
        static final Checkpoint START = new Checkpoint(Instant.EPOCH, new UUID(0, 0));
    }

    static final String DELIVERIES_FEED = "offer-delivered";
    static final String CLICKS_FEED = "offer-clicked";
    static final String CONVERSIONS_FEED = "order-completed";
    /**
     * Rows younger than this are left for the next round: a row committed a moment after a later one's time
     * must not fall behind the checkpoint.
     */
    static final String SETTLE = "2 seconds";

    static final List<String> EXPORT_COLUMNS = List.of("decision_id", "moment", "decided_at", "gtin", "serial", "model_code",
            "owner_id", "owner_country", "sku", "offer_type", "discount_percent", "expires_at", "rule", "rules_version",
            "reason", "deliveries");

    private final JdbcClient jdbc;
    /** Reads the export in portions of this many rows (a cursor, inside the caller's transaction). */
    private final JdbcTemplate export;

    AnalyticsViews(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.export = new JdbcTemplate(template.getDataSource());
        this.export.setFetchSize(500);
    }

    Checkpoint checkpoint(String feed) {
        Optional<Checkpoint> found = jdbc.sql("SELECT last_at, last_id FROM analytics_checkpoint WHERE feed = ?").param(feed)
                .query((rs, n) -> new Checkpoint(rs.getTimestamp(1).toInstant(), rs.getObject(2, UUID.class))).optional();
        return found.orElse(Checkpoint.START);
    }

    void advance(String feed, Checkpoint to) {
        jdbc.sql("""
                        INSERT INTO analytics_checkpoint (feed, last_at, last_id) VALUES (?, ?, ?)
                        ON CONFLICT (feed) DO UPDATE SET last_at = excluded.last_at, last_id = excluded.last_id, updated_at = now()
                        WHERE (analytics_checkpoint.last_at, analytics_checkpoint.last_id) < (excluded.last_at, excluded.last_id)
                        """)
                .params(feed, Timestamp.from(to.at()), to.id()).update();
    }

    List<Delivery> sentAfter(Checkpoint after, int limit) {
        return jdbc.sql("""
                        SELECT action_id, decision_id, channel, sent_at, moment, sku, owner_id FROM analytics_deliveries
                        WHERE status = 'SENT' AND (sent_at, action_id) > (?, ?) AND sent_at < now() - CAST(? AS interval)
                        ORDER BY sent_at, action_id LIMIT ?
                        """)
                .params(Timestamp.from(after.at()), after.id(), SETTLE, limit)
                .query(AnalyticsViews::delivery).list();
    }

    List<Click> clickedAfter(Checkpoint after, int limit) {
        return jdbc.sql("""
                        SELECT decision_id, clicked_at, moment, sku, owner_id FROM analytics_clicks
                        WHERE (clicked_at, decision_id) > (?, ?) AND clicked_at < now() - CAST(? AS interval)
                        ORDER BY clicked_at, decision_id LIMIT ?
                        """)
                .params(Timestamp.from(after.at()), after.id(), SETTLE, limit)
                .query((rs, n) -> new Click(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        rs.getString(4), rs.getObject(5, UUID.class))).list();
    }

    List<Converted> convertedAfter(Checkpoint after, int limit) {
        return jdbc.sql("""
                        SELECT decision_id, order_ref, matched_by, revenue, currency, converted_at, recorded_at, moment, sku, owner_id
                        FROM analytics_conversions
                        WHERE (recorded_at, decision_id) > (?, ?) AND recorded_at < now() - CAST(? AS interval)
                        ORDER BY recorded_at, decision_id LIMIT ?
                        """)
                .params(Timestamp.from(after.at()), after.id(), SETTLE, limit)
                .query((rs, n) -> new Converted(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getBigDecimal(4),
                        rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getTimestamp(7).toInstant(), rs.getString(8),
                        rs.getString(9), rs.getObject(10, UUID.class))).list();
    }

    /**
     * Streams the decisions of [from, to) — of one moment, or all when null — in decision time order, each with
     * its deliveries as {@code channel:STATUS} joined by {@code ;}, to {@code rows} (columns {@link #EXPORT_COLUMNS}).
     */
    void decisions(String moment, Instant from, Instant to, RowCallbackHandler rows) {
        export.query("""
                        SELECT d.decision_id, d.moment, d.decided_at, d.gtin, d.serial, d.model_code, d.owner_id, d.owner_country,
                               d.sku, d.offer_type, d.discount_percent, d.expires_at, d.rule, d.rules_version, d.reason,
                               (SELECT string_agg(x.channel || ':' || x.status, ';' ORDER BY x.channel)
                                FROM analytics_deliveries x WHERE x.decision_id = d.decision_id) AS deliveries
                        FROM analytics_decisions d
                        WHERE d.decided_at >= ? AND d.decided_at < ? AND (CAST(? AS text) IS NULL OR d.moment = ?)
                        ORDER BY d.decided_at, d.decision_id
                        """, rows, Timestamp.from(from), Timestamp.from(to), moment, moment);
    }

    private static Delivery delivery(ResultSet rs, int n) throws SQLException {
        return new Delivery(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getTimestamp(4).toInstant(),
                rs.getString(5), rs.getString(6), rs.getObject(7, UUID.class));
    }
}
