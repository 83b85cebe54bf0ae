package io.aftersaleshub.dispatch;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Retries of every route before a message goes to the dead-letter queue (the delay doubles each time). */
@ConfigurationProperties("hub.dispatch")
public record DispatchProperties(int maxRedeliveries, Duration redeliveryDelay) {
}
