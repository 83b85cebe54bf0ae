package io.aftersaleshub.connector.analytics;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import io.aftersaleshub.platform.Problems;
import io.aftersaleshub.rules.vocabulary.Moment;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/analytics/export?moment=&from=&to=}: the decisions of a date range (UTC days, both
 * included), of one moment or all, as CSV streamed straight from the {@code analytics_decisions} view (with
 * each decision's deliveries), so that a year of decisions never sits in memory.
 */
@RestController
public class AnalyticsExportController {

    /** An export covers at most this many days; more is several exports. */
    static final int MAX_DAYS = 366;
    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final AnalyticsViews views;
    private final TransactionTemplate readOnly;

    AnalyticsExportController(AnalyticsViews views, PlatformTransactionManager transactions) {
        this.views = views;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /** Written straight to the response on the request's thread (no async timeout cuts a long export short). */
    @GetMapping("/api/analytics/export")
    public void export(@RequestParam(required = false) String moment, @RequestParam(required = false) String from,
                       @RequestParam(required = false) String to, HttpServletResponse response) throws IOException {
        Problems problems = new Problems();
        String momentName = null;
        if (moment != null && !moment.isBlank()) {
            momentName = Moment.named(moment.trim()).map(Moment::name).orElse(null);
            if (momentName == null) {
                problems.add("moment", "must be one of " + Moment.names());
            }
        }
        LocalDate first = date(problems, "from", from);
        LocalDate last = date(problems, "to", to);
        if (first != null && last != null) {
            if (last.isBefore(first)) {
                problems.add("to", "must not be before from");
            } else if (first.plusDays(MAX_DAYS).isBefore(last.plusDays(1))) {
                problems.add("to", "must be at most " + MAX_DAYS + " days after from");
            }
        }
        problems.throwIfAny();
        String selected = momentName;
        String name = "decisions-" + (selected == null ? "all" : selected.toLowerCase(Locale.ROOT)) + "-" + first + "-" + last + ".csv";
        response.setContentType(CSV.toString());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"");
        Writer w = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8), 64 * 1024);
        w.write(String.join(",", AnalyticsViews.EXPORT_COLUMNS));
        w.write("\r\n");
        // a transaction, so that PostgreSQL hands the rows over in fetch-size portions (a cursor)
        readOnly.executeWithoutResult(s -> views.decisions(selected, first.atStartOfDay(ZoneOffset.UTC).toInstant(),
                last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), rs -> writeRow(w, rs)));
        w.flush();
    }

    private static LocalDate date(Problems problems, String field, String value) {
        if (!problems.require(field, value)) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            problems.add(field, "must be a date as YYYY-MM-DD");
            return null;
        }
    }

    private static void writeRow(Writer w, ResultSet rs) throws SQLException {
        try {
            ResultSetMetaData meta = rs.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                if (i > 1) {
                    w.write(',');
                }
                Object v = rs.getObject(i);
                w.write(Csv.field(v instanceof Timestamp t ? t.toInstant().toString() : v == null ? "" : v.toString()));
            }
            w.write("\r\n");
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
