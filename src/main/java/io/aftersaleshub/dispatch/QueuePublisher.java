package io.aftersaleshub.dispatch;

import java.util.Collection;
import java.util.List;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sends ids to Artemis queues. Many ids go in one JMS transaction (one journal flush, not one per
 * message). {@link #afterCommit} sends only once the database has committed the work the ids name; if
 * the send then fails, {@link StaleWorkRepublisher} sends again later, so nothing is lost.
 */
@Component
public class QueuePublisher {

    private static final Logger log = LoggerFactory.getLogger(QueuePublisher.class);

    private final ConnectionFactory connectionFactory;

    public QueuePublisher(ConnectionFactory connectionFactory) {
        this.connectionFactory = connectionFactory;
    }

    public void publish(String queueName, Collection<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        List<String> copy = List.copyOf(ids);
        try (Connection connection = connectionFactory.createConnection();
             Session session = connection.createSession(true, Session.SESSION_TRANSACTED)) {
            Queue queue = session.createQueue(queueName);
            try (MessageProducer producer = session.createProducer(queue)) {
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                for (String id : copy) {
                    producer.send(session.createTextMessage(id));
                }
            }
            session.commit();
        } catch (JMSException e) {
            throw new IllegalStateException("cannot publish to " + queueName + ": " + e.getMessage(), e);
        }
    }

    /** Publishes when the current database transaction commits; at once when there is none. */
    public void afterCommit(String queueName, Collection<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        List<String> copy = List.copyOf(ids);
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            publish(queueName, copy);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                try {
                    publish(queueName, copy);
                } catch (RuntimeException e) {
                    log.warn("Publishing {} id(s) to {} failed; they will be published again: {}", copy.size(), queueName, e.toString());
                }
            }
        });
    }

}
