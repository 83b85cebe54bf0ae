package io.aftersaleshub.dispatch;

import java.util.Map;
import java.util.Optional;

import io.aftersaleshub.offer.OfferDecided;

/**
 * A channel a decision may produce an action for. Adding a channel is one such bean plus its sink route
 * (consuming {@code hub.actions.<name>}); the outbox, the publisher, the republisher and the failures
 * view need no change.
 */
public interface ActionChannel {

    /** Lower-case name, e.g. {@code email}: the action's channel and the queue's suffix. */
    String name();

    /** The payload snapshot the sink needs for this decision, or empty when this channel has nothing to do. */
    Optional<Map<String, Object>> payloadFor(OfferDecided decided);
}
