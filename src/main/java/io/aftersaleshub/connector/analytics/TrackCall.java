package io.aftersaleshub.connector.analytics;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Segment-spec {@code track} calls and their {@code /v1/batch} envelope. A call names its user by the owner
 * id, or, for a unit without owner, by an anonymous id; its {@code messageId} (set when sent) is the id of
 * the action or delivery it reports, so that a call sent twice is counted once by the collector.
 */
final class TrackCall {

    private TrackCall() {
    }

    /** A track call without messageId. */
    static Map<String, Object> of(String event, String userId, String anonymousId, Instant at, Map<String, Object> properties) {
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("type", "track");
        call.put("event", event);
        if (userId != null) {
            call.put("userId", userId);
        } else {
            call.put("anonymousId", anonymousId);
        }
        call.put("timestamp", at.toString());
        call.put("properties", properties);
        return call;
    }

    static Map<String, Object> withMessageId(Map<String, Object> call, String messageId) {
        Map<String, Object> c = new LinkedHashMap<>(call);
        c.put("messageId", messageId);
        return c;
    }

    static Map<String, Object> batch(List<Map<String, Object>> calls, Instant sentAt) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("batch", calls);
        b.put("sentAt", sentAt.toString());
        return b;
    }

    /** Segment's HTTP auth: the write key as Basic user name, empty password. */
    static String authorization(String writeKey) {
        return "Basic " + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
    }
}
