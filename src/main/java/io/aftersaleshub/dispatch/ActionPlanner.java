package io.aftersaleshub.dispatch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.aftersaleshub.offer.OfferDecided;
import io.aftersaleshub.offer.OffersDecided;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns decisions into actions, one per channel that the routes choose for the outcome ({@link ChannelRouting}) and
 * that has something to do, written in the deciding
 * transaction with one multi-row statement; their ids go to the channels' queues after the commit.
 */
@Component
public class ActionPlanner {

    private final List<ActionChannel> channels;
    private final ChannelRouting routing;
    private final OutboxStore outbox;
    private final QueuePublisher publisher;

    public ActionPlanner(List<ActionChannel> channels, ChannelRouting routing, OutboxStore outbox, QueuePublisher publisher) {
        this.channels = channels;
        this.routing = routing;
        this.outbox = outbox;
        this.publisher = publisher;
    }

    @EventListener
    public void onDecided(OffersDecided decided) {
        List<OutboxStore.NewAction> actions = new ArrayList<>();
        ChannelRouting.Batch routes = routing.batch();
        for (OfferDecided d : decided.decisions()) {
            java.util.Set<String> chosen = routes.channelsFor(d);
            for (ActionChannel c : channels) {
                if (!chosen.contains(c.name())) {
                    continue;
                }
                c.payloadFor(d).ifPresent(payload -> actions.add(new OutboxStore.NewAction(UUID.randomUUID(), d.decisionId(),
                        c.name(), payload)));
            }
        }
        if (actions.isEmpty()) {
            return;
        }
        outbox.insertAll(actions);
        Map<String, List<UUID>> byChannel = new LinkedHashMap<>();
        actions.forEach(a -> byChannel.computeIfAbsent(a.channel(), k -> new ArrayList<>()).add(a.id()));
        byChannel.forEach(publisher::afterCommit);
    }
}
