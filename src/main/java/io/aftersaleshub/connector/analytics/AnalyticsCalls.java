package io.aftersaleshub.connector.analytics;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aftersaleshub.dispatch.HttpSinkResponse;
import io.aftersaleshub.dispatch.OutboxStore;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * Steps of the analytics routes: build one {@code /v1/batch} request of track calls, either from the claimed
 * "Offer Decided" actions of a message ({@code analytics-out-track}) or from the deliveries sent since the
 * feeds' checkpoints — deliveries, first clicks, conversions ({@code analytics-out-feeds}) — and move those
 * checkpoints once the collector took them.
 */
@Component("analyticsCalls")
public class AnalyticsCalls {

    /** Exchange property of the feeds' batch: the checkpoint of each feed to move to once the batch is accepted. */
    static final String FEED_NEXT = "hubFeedNext";
    /** Segment takes up to 500 KB per batch; 3 × 100 calls stay far below. */
    static final int PER_FEED = 100;

    private final AnalyticsProperties settings;
    private final AnalyticsViews views;
    private final ObjectMapper json;
    private final Clock clock;

    AnalyticsCalls(AnalyticsProperties settings, AnalyticsViews views, ObjectMapper json, Clock clock) {
        this.settings = settings;
        this.views = views;
        this.json = json;
        this.clock = clock;
    }

    /** Body: the claimed "Offer Decided" actions; afterwards the batch request, one call per action (messageId = action id). */
    @SuppressWarnings("unchecked")
    public void ofActions(Exchange exchange) throws JsonProcessingException {
        List<OutboxStore.Claimed> claimed = exchange.getMessage().getBody(List.class);
        List<Map<String, Object>> calls = new ArrayList<>(claimed.size());
        claimed.forEach(a -> calls.add(TrackCall.withMessageId(a.payload(), a.id().toString())));
        request(exchange, calls);
        exchange.setProperty(HttpSinkResponse.CALL_ACTIONS, claimed.stream().map(OutboxStore.Claimed::id).toList());
    }

    /**
     * The deliveries, first clicks and conversions after their feeds' checkpoints (up to {@value #PER_FEED} of each) as
     * one batch request of "Offer Delivered", "Offer Clicked" and "Order Completed" calls, or an empty body when there
     * are none (or analytics is off).
     */
    public void ofFeeds(Exchange exchange) throws JsonProcessingException {
        exchange.getMessage().setBody(null);
        if (!settings.enabled()) {
            return;
        }
        List<Map<String, Object>> calls = new ArrayList<>();
        Map<String, AnalyticsViews.Checkpoint> next = new LinkedHashMap<>();
        List<AnalyticsViews.Delivery> sent = views.sentAfter(views.checkpoint(AnalyticsViews.DELIVERIES_FEED), PER_FEED);
        for (AnalyticsViews.Delivery d : sent) {
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("decisionId", d.decisionId().toString());
            properties.put("moment", d.moment());
            properties.put("sku", d.sku());
            properties.put("channel", d.channel());
            calls.add(call("Offer Delivered", d.ownerId(), d.decisionId(), d.sentAt(), properties, d.actionId().toString()));
            next.put(AnalyticsViews.DELIVERIES_FEED, new AnalyticsViews.Checkpoint(d.sentAt(), d.actionId()));
        }
        for (AnalyticsViews.Click c : views.clickedAfter(views.checkpoint(AnalyticsViews.CLICKS_FEED), PER_FEED)) {
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("decisionId", c.decisionId().toString());
            properties.put("moment", c.moment());
            properties.put("sku", c.sku());
            calls.add(call("Offer Clicked", c.ownerId(), c.decisionId(), c.clickedAt(), properties, "click-" + c.decisionId()));
            next.put(AnalyticsViews.CLICKS_FEED, new AnalyticsViews.Checkpoint(c.clickedAt(), c.decisionId()));
        }
        for (AnalyticsViews.Converted c : views.convertedAfter(views.checkpoint(AnalyticsViews.CONVERSIONS_FEED), PER_FEED)) {
            // Segment's e-commerce spec: order_id, revenue, currency, products; the hub's own keys beside them
            Map<String, Object> product = new LinkedHashMap<>();
            product.put("sku", c.sku());
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("order_id", c.orderRef());
            properties.put("revenue", c.revenue());
            properties.put("currency", c.currency());
            properties.put("products", List.of(product));
            properties.put("decisionId", c.decisionId().toString());
            properties.put("moment", c.moment());
            properties.put("matchedBy", c.matchedBy());
            calls.add(call("Order Completed", c.ownerId(), c.decisionId(), c.convertedAt(), properties, "conversion-" + c.decisionId()));
            next.put(AnalyticsViews.CONVERSIONS_FEED, new AnalyticsViews.Checkpoint(c.recordedAt(), c.decisionId()));
        }
        if (calls.isEmpty()) {
            return;
        }
        request(exchange, calls);
        exchange.setProperty(FEED_NEXT, next);
    }

    /** After the feeds' batch: accepted moves their checkpoints; anything else is tried again next period. */
    @SuppressWarnings("unchecked")
    public void feedsAnswered(Exchange exchange) {
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status == null || HttpSinkResponse.of(status) != HttpSinkResponse.Outcome.SENT) {
            throw new IllegalStateException("HTTP " + status + " from analytics for the feeds' batch; tried again next period");
        }
        Map<String, AnalyticsViews.Checkpoint> next = exchange.getProperty(FEED_NEXT, Map.class);
        next.forEach(views::advance);
    }

    private static Map<String, Object> call(String event, java.util.UUID ownerId, java.util.UUID decisionId, java.time.Instant at,
                                            Map<String, Object> properties, String messageId) {
        return TrackCall.withMessageId(TrackCall.of(event, ownerId == null ? null : ownerId.toString(), "decision/" + decisionId,
                at, properties), messageId);
    }

    private void request(Exchange exchange, List<Map<String, Object>> calls) throws JsonProcessingException {
        if (!settings.enabled()) {
            throw new IllegalStateException("HUB_ANALYTICS_URL is not set: track calls cannot be sent");
        }
        Message m = exchange.getMessage();
        m.setBody(json.writeValueAsBytes(TrackCall.batch(calls, clock.instant())));
        m.setHeader(Exchange.CONTENT_TYPE, "application/json");
        m.setHeader("Authorization", TrackCall.authorization(settings.writeKey()));
    }
}
