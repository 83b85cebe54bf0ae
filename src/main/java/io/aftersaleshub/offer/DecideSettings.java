package io.aftersaleshub.offer;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The batched decide step: {@code workers} threads per hub node each claim up to {@code batchSize}
 * waiting events at a time; with nothing waiting a worker looks again after {@code poll} (at once when
 * this node stores new events).
 */
@ConfigurationProperties("hub.decide")
public record DecideSettings(int workers, int batchSize, Duration poll) {
}
