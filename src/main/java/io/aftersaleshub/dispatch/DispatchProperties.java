package io.aftersaleshub.dispatch;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Broker redeliveries of a failed action message before it goes to the dead-letter queue (the delay doubles each time). */
@ConfigurationProperties("hub.dispatch")
public record DispatchProperties(int maxRedeliveries, Duration redeliveryDelay, Duration maxRedeliveryDelay) {
}
