package io.aftersaleshub.schedule;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The days the daily job completed; the newest one is where a restarted hub catches up from. */
@Repository
class DailyJobDays {

    private final JdbcClient jdbc;

    DailyJobDays(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<LocalDate> lastCompleted() {
        return jdbc.sql("SELECT max(day) FROM daily_job_day").query((rs, n) -> {
            Date d = rs.getDate(1);
            return d == null ? null : d.toLocalDate();
        }).optional();
    }

    void completed(DailyJobRun run, Instant at) {
        jdbc.sql("""
                        INSERT INTO daily_job_day (day, completed_at, scanned, anniversaries, warranty_notices)
                        VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (day) DO UPDATE SET completed_at = excluded.completed_at, scanned = excluded.scanned,
                            anniversaries = excluded.anniversaries, warranty_notices = excluded.warranty_notices
                        """)
                .params(Date.valueOf(run.day()), Timestamp.from(at), run.scanned(), run.anniversaries(), run.warrantyNotices())
                .update();
    }
}
