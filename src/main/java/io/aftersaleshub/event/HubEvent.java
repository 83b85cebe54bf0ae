package io.aftersaleshub.event;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** The one canonical shape every source's payload is turned into. */
public record HubEvent(UUID id, EventType type, String source, String sourceEventId, Instant occurredAt,
                       String gtin, String serial, String ownerEmail, Map<String, Object> attributes) {
}
