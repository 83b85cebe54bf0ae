package io.aftersaleshub.dispatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.aftersaleshub.event.EventStore;
import io.aftersaleshub.event.EventsReceived;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's view of the dead letters: what failed for good and why, and a way to send it all
 * through again once the cause is fixed (an SMTP server back up, a rule set repaired). Replaying is
 * safe: consumers are idempotent and a sent action is never sent twice.
 */
@RestController
@RequestMapping("/api/ops/failures")
public class FailuresController {

    static final int LIST_LIMIT = 500;

    public record FailedAction(UUID actionId, UUID decisionId, String channel, int attempts, String lastError,
                               Instant createdAt) {
    }

    public record Failures(List<FailedAction> actions, List<EventStore.FailedEvent> events) {
    }

    public record Retried(int actions, int events) {
    }

    private final OutboxStore outbox;
    private final EventStore events;
    private final QueuePublisher publisher;
    private final ApplicationEventPublisher applicationEvents;

    public FailuresController(OutboxStore outbox, EventStore events, QueuePublisher publisher,
                              ApplicationEventPublisher applicationEvents) {
        this.outbox = outbox;
        this.events = events;
        this.publisher = publisher;
        this.applicationEvents = applicationEvents;
    }

    @GetMapping
    public Failures list() {
        return new Failures(outbox.failed(LIST_LIMIT).stream().map(a -> new FailedAction(a.id(), a.decisionId(),
                a.channel(), a.attempts(), a.lastError(), a.createdAt())).toList(), events.failed(LIST_LIMIT));
    }

    /** Sends every failed action and event through again; answers how many. */
    @PostMapping("/retry")
    @Transactional
    public Retried retry() {
        List<OutboxStore.Routed> actions = outbox.retryFailed();
        List<UUID> retriedEvents = events.retryFailed();
        Map<String, List<UUID>> byChannel = new LinkedHashMap<>();
        actions.forEach(a -> byChannel.computeIfAbsent(a.channel(), k -> new ArrayList<>()).add(a.id()));
        byChannel.forEach(publisher::afterCommit);
        if (!retriedEvents.isEmpty()) {
            applicationEvents.publishEvent(new EventsReceived(retriedEvents.size()));
        }
        return new Retried(actions.size(), retriedEvents.size());
    }
}
