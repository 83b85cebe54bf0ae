package io.aftersaleshub.schedule;

import java.time.LocalDate;

/**
 * What one run of the daily job did for {@code day}: ownerships scanned in how many pages, events made
 * new ({@code anniversaries}, {@code warrantyNotices}) and events another run had already made
 * ({@code alreadyMade}: a second run of the day, or another hub node), and how long it took.
 */
public record DailyJobRun(LocalDate day, long scanned, int pages, int anniversaries, int warrantyNotices, int alreadyMade,
                          long millis) {
}
