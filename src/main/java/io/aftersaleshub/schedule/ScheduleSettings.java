package io.aftersaleshub.schedule;

import java.time.Duration;
import java.time.LocalTime;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The daily job: runs each day at {@code dailyAt} (UTC), emits warranty notices {@code warrantyNoticeDays}
 * before the standard warranty ends, scans {@code pageSize} ownerships per statement; {@code checkEvery}
 * is how often a node looks whether a day is due (after a restart, missed days are run at once).
 */
@ConfigurationProperties("hub.schedule")
public record ScheduleSettings(boolean enabled, LocalTime dailyAt, int warrantyNoticeDays, int pageSize, Duration checkEvery) {
}
