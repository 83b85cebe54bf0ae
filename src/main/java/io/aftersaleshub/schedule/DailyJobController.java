package io.aftersaleshub.schedule;

import java.time.Clock;
import java.time.LocalDate;

import io.aftersaleshub.platform.RequestRejectedException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Runs the daily job for one day now (an operator's re-run, or a missed day); safe to repeat. */
@RestController
public class DailyJobController {

    private final DailyJob job;
    private final Clock clock;

    public DailyJobController(DailyJob job, Clock clock) {
        this.job = job;
        this.clock = clock;
    }

    /** {@code date} defaults to today (UTC); a day in the future is refused: its anniversaries have not happened. */
    @PostMapping("/api/ops/daily-job")
    public DailyJobRun run(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        LocalDate today = LocalDate.now(clock);
        LocalDate day = date == null ? today : date;
        if (day.isAfter(today)) {
            throw RequestRejectedException.of(HttpStatus.BAD_REQUEST, "date", "must not be after today (" + today + " UTC)");
        }
        return job.run(day);
    }
}
