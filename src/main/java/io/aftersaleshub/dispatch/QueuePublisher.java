package io.aftersaleshub.dispatch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.aftersaleshub.platform.WorkerThreads;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sends action ids to their channels' Artemis queues. {@link #afterCommit} hands ids over once the
 * database has committed the actions; one background thread then sends everything waiting in one JMS
 * transaction, so that many decisions share one journal flush, and marks the actions published. A send
 * that is lost (a crash, a broker outage) is repaired by {@link StaleActionRepublisher}; sinks are idempotent.
 */
@Component
public class QueuePublisher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(QueuePublisher.class);
    private static final int MAX_BATCH = 1000;
    /** Beyond this many waiting ids (a broker outage) new ones are left to the republisher instead of memory. */
    private static final int MAX_PENDING = 200_000;

    private record Pending(String channel, UUID id) {
    }

    private final ConnectionFactory connectionFactory;
    private final OutboxStore outbox;
    /** Ids handed over but not yet committed to their queue, so that the republisher leaves them alone. */
    private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<Pending> pending = new LinkedBlockingQueue<>();
    /** Artemis looks a queue up on the broker on every createQueue; the destination itself is reusable. */
    private final Map<String, Queue> destinations = new ConcurrentHashMap<>();
    private volatile boolean running;
    private WorkerThreads sender;

    public QueuePublisher(ConnectionFactory connectionFactory, OutboxStore outbox) {
        this.connectionFactory = connectionFactory;
        this.outbox = outbox;
    }

    /** Whether this id waits in this node's memory for its send. */
    boolean inFlight(UUID id) {
        return inFlight.contains(id);
    }

    /** Publishes when the current database transaction commits (at once when there is none), without waiting for the broker. */
    public void afterCommit(String channel, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        List<Pending> items = ids.stream().map(id -> new Pending(channel, id)).toList();
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            enqueue(items);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                enqueue(items);
            }
        });
    }

    private void enqueue(List<Pending> items) {
        if (pending.size() + items.size() > MAX_PENDING) {
            log.warn("{} ids wait for the broker already; {} more are left to the republisher", pending.size(), items.size());
            return;
        }
        items.forEach(p -> inFlight.add(p.id()));
        pending.addAll(items);
    }

    private void sendLoop() {
        List<Pending> batch = new ArrayList<>();
        while (running || !pending.isEmpty()) {
            try {
                Pending first = pending.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                pending.drainTo(batch, MAX_BATCH - 1);
                Map<String, List<UUID>> byChannel = new LinkedHashMap<>();
                batch.forEach(p -> byChannel.computeIfAbsent(p.channel(), q -> new ArrayList<>()).add(p.id()));
                send(byChannel);
                List<UUID> sent = batch.stream().map(Pending::id).toList();
                outbox.markPublished(sent);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable e) { // the thread must outlive any failure; what it held is republished later
                log.warn("Publishing {} id(s) failed; they will be published again later: {}", batch.size(), e.toString());
                if (!running) {
                    return;
                }
                pause();
            } finally {
                batch.forEach(p -> inFlight.remove(p.id()));
                batch.clear();
            }
        }
    }

    /** After a failure, do not spin against a broker that is down. */
    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(Map<String, List<UUID>> byChannel) {
        try (Connection connection = connectionFactory.createConnection();
             Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
            for (Map.Entry<String, List<UUID>> e : byChannel.entrySet()) {
                Queue queue = destinations.computeIfAbsent(e.getKey(), channel -> createQueue(session, Queues.forChannel(channel)));
                try (MessageProducer producer = session.createProducer(queue)) {
                    producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                    List<UUID> ids = e.getValue();
                    for (int from = 0; from < ids.size(); from += Queues.IDS_PER_MESSAGE) {
                        String text = String.join(",", ids.subList(from, Math.min(ids.size(), from + Queues.IDS_PER_MESSAGE))
                                .stream().map(UUID::toString).toList());
                        TextMessage m = session.createTextMessage(text);
                        m.setStringProperty(Queues.ACTION_IDS, text);
                        m.setStringProperty(Queues.CHANNEL, e.getKey());
                        producer.send(m);
                    }
                }
            }
            session.commit();
        } catch (JMSException e) {
            throw new IllegalStateException("cannot publish to " + byChannel.keySet() + ": " + e.getMessage(), e);
        }
    }

    private static Queue createQueue(Session session, String name) {
        try {
            return session.createQueue(name);
        } catch (JMSException e) {
            throw new IllegalStateException("no queue " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void start() {
        running = true;
        sender = WorkerThreads.start("hub-queue-publisher", 1, this::sendLoop);
    }

    @Override
    public void stop() {
        running = false;
        sender.join(Duration.ofSeconds(10));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // stops after the web server and Camel routes (which feed it), before the broker goes away
        return Integer.MAX_VALUE - 2000;
    }
}
