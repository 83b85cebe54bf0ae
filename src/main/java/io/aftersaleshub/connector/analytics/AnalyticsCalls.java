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
 * feed's checkpoint ({@code analytics-out-deliveries}), and move that checkpoint once the collector took them.
 */
@Component("analyticsCalls")
public class AnalyticsCalls {

    /** Exchange property of the deliveries feed: the checkpoint to move to once the batch is accepted. */
    static final String FEED_NEXT = "hubFeedNext";
    /** Segment takes up to 500 KB per batch; 100 calls stay far below. */
    static final int DELIVERIES_PER_BATCH = 100;

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

    /** The next deliveries after the checkpoint as one batch request, or an empty body when there are none (or analytics is off). */
    public void ofDeliveries(Exchange exchange) throws JsonProcessingException {
        exchange.getMessage().setBody(null);
        if (!settings.enabled()) {
            return;
        }
        List<AnalyticsViews.Delivery> sent = views.sentAfter(views.checkpoint(AnalyticsViews.DELIVERIES_FEED), DELIVERIES_PER_BATCH);
        if (sent.isEmpty()) {
            return;
        }
        List<Map<String, Object>> calls = new ArrayList<>(sent.size());
        for (AnalyticsViews.Delivery d : sent) {
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("decisionId", d.decisionId().toString());
            properties.put("moment", d.moment());
            properties.put("sku", d.sku());
            properties.put("channel", d.channel());
            calls.add(TrackCall.withMessageId(TrackCall.of("Offer Delivered", d.ownerId() == null ? null : d.ownerId().toString(),
                    "decision/" + d.decisionId(), d.sentAt(), properties), d.actionId().toString()));
        }
        request(exchange, calls);
        AnalyticsViews.Delivery last = sent.get(sent.size() - 1);
        exchange.setProperty(FEED_NEXT, new AnalyticsViews.Checkpoint(last.sentAt(), last.actionId()));
    }

    /** After the deliveries batch: accepted moves the checkpoint; anything else is tried again next period. */
    public void deliveriesAnswered(Exchange exchange) {
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status == null || HttpSinkResponse.of(status) != HttpSinkResponse.Outcome.SENT) {
            throw new IllegalStateException("HTTP " + status + " from analytics for the Offer Delivered batch; tried again next period");
        }
        views.advance(AnalyticsViews.DELIVERIES_FEED, exchange.getProperty(FEED_NEXT, AnalyticsViews.Checkpoint.class));
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
