package io.aftersaleshub.connector.erp;

import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.aftersaleshub.catalog.CatalogService;
import io.aftersaleshub.catalog.CatalogUpload;
import io.aftersaleshub.identity.Gtin;
import io.aftersaleshub.identity.Serial;
import io.aftersaleshub.identity.UnitBulkLoad;
import io.aftersaleshub.owner.PurchaseRequest;
import io.aftersaleshub.owner.PurchaseService;
import io.aftersaleshub.platform.FieldProblem;
import io.aftersaleshub.platform.Problems;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports one ERP file: tells its kind from the header row, checks every line (fields here, the rest with
 * the owning module's checks: catalogue, units, purchases), and only when no line is bad applies the whole
 * file in one transaction through those modules' bulk APIs. Units stream through {@link UnitBulkLoad}
 * (COPY into a staging table), so a production batch of a million serials is never held in memory.
 */
@Component
class ErpImporter {

    /** Bad lines kept for the report file; all are counted. */
    static final int REPORT_MAX = 10_000;
    /** Bad lines shown by the API ({@code errors}); {@code errorCount} has them all. */
    static final int SHOWN_MAX = 100;
    static final int PROGRESS_EVERY = 50_000;
    /** Lines of a models, items, compatibility or purchases file (these are read whole before they are checked). */
    static final int MAX_SMALL_LINES = PurchaseService.MAX_BULK;

    private static final Pattern INDEXED = Pattern.compile("^[A-Za-z]+\\[(\\d+)]\\.([A-Za-z]+)");
    private static final LocalDate EARLIEST = LocalDate.of(1980, 1, 1);

    /** How an import ended: DONE or FAILED, the lines read and applied, and the bad lines. */
    record Outcome(ImportKind kind, boolean ok, long linesRead, long linesApplied, BadLines bad) {
    }

    private final ImportStore store;
    private final UnitBulkLoad units;
    private final CatalogService catalog;
    private final PurchaseService purchases;
    private final TransactionTemplate tx;

    ErpImporter(ImportStore store, UnitBulkLoad units, CatalogService catalog, PurchaseService purchases,
                PlatformTransactionManager txManager) {
        this.store = store;
        this.units = units;
        this.catalog = catalog;
        this.purchases = purchases;
        this.tx = new TransactionTemplate(txManager);
    }

    /** The kind the file's header row names, or null when it names none. */
    static ImportKind kindOf(Path file) throws IOException {
        try (CsvReader csv = reader(file)) {
            List<String> header = csv.next();
            return header == null ? null : ImportKind.of(trimmed(header));
        }
    }

    Outcome run(UUID id, Path file) throws IOException {
        try (CsvReader csv = reader(file)) {
            BadLines bad = new BadLines(REPORT_MAX);
            List<String> header;
            try {
                header = csv.next();
            } catch (CsvReader.CsvException e) {
                header = null;
            }
            if (header == null) {
                bad.add(1, "header", "is missing: the file is empty; its first line must name the columns");
                return failed(id, null, 0, bad);
            }
            header = trimmed(header);
            ImportKind kind = ImportKind.of(header);
            if (kind == null) {
                bad.add(1, "header", "names no import kind; the columns of one of these: " + ImportKind.describeAll());
                return failed(id, null, 0, bad);
            }
            store.started(id, kind);
            Columns cols = new Columns(header);
            Outcome o = kind == ImportKind.UNITS ? units(id, csv, cols, bad) : small(id, kind, csv, cols, bad);
            if (o.ok()) {
                store.done(id, o.linesRead(), o.linesApplied());
            } else {
                store.failed(id, kind.label(), o.linesRead(), bad.first(SHOWN_MAX), bad.count());
            }
            return o;
        }
    }

    private Outcome failed(UUID id, ImportKind kind, long read, BadLines bad) {
        store.failed(id, kind == null ? null : kind.label(), read, bad.first(SHOWN_MAX), bad.count());
        return new Outcome(kind, false, read, 0, bad);
    }

    // ---- units: streamed into a staging table, checked there, applied in the same transaction

    private Outcome units(UUID id, CsvReader csv, Columns cols, BadLines bad) {
        return tx.execute(status -> {
            UnitBulkLoad.Staging staging = units.stage();
            Map<String, String> gtins = new HashMap<>();
            long read = 0;
            try {
                for (List<String> row; (row = next(csv, bad)) != null; ) {
                    read++;
                    long line = csv.line();
                    if (read % PROGRESS_EVERY == 0) {
                        store.progress(id, "VALIDATING", read, 0);
                    }
                    if (!cols.fits(row, line, bad)) {
                        continue;
                    }
                    Problems p = new Problems();
                    String rawGtin = cols.get(row, "gtin");
                    String gtin = gtins.get(rawGtin);
                    if (gtin == null && p.check("gtin", Gtin.problemWith(rawGtin))) {
                        gtin = Gtin.parse(rawGtin).value();
                        gtins.put(rawGtin, gtin);
                    }
                    String serial = cols.get(row, "serial");
                    p.check("serial", Serial.problemWith(serial));
                    String batch = cols.get(row, "batch");
                    p.maxLength("batch", batch, 64);
                    String market = cols.get(row, "market");
                    p.maxLength("market", market, 64);
                    LocalDate made = date(p, "manufacturedOn", cols.get(row, "manufacturedOn"));
                    if (p.isEmpty()) {
                        staging.add(line, gtin, serial.trim(), batch, made, market);
                    } else {
                        p.list().forEach(f -> bad.add(line, f.field(), f.reason()));
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            staging.finish();
            UnitBulkLoad.Problems found = staging.problems(REPORT_MAX);
            bad.addAll(found.first().stream().map(r -> new ImportProblem(r.line(), r.field(), r.message())).toList(),
                    found.count());
            if (bad.any()) {
                status.setRollbackOnly();
                return new Outcome(ImportKind.UNITS, false, read, 0, bad);
            }
            store.progress(id, "APPLYING", read, 0);
            staging.apply();
            return new Outcome(ImportKind.UNITS, true, read, read, bad);
        });
    }

    // ---- models, items, compatibility, purchases: read whole, checked by their module, applied in one transaction

    private Outcome small(UUID id, ImportKind kind, CsvReader csv, Columns cols, BadLines bad) throws IOException {
        List<Long> lines = new ArrayList<>();
        List<Object> rows = new ArrayList<>();
        long read = 0;
        for (List<String> row; (row = next(csv, bad)) != null; ) {
            read++;
            long line = csv.line();
            if (read > MAX_SMALL_LINES) {
                bad.add(line, "file", "has more than " + MAX_SMALL_LINES + " lines; send " + kind.label() + " in smaller files");
                break;
            }
            if (!cols.fits(row, line, bad)) {
                continue;
            }
            Problems p = new Problems();
            Object parsed = parse(kind, cols, row, p);
            if (p.isEmpty()) {
                lines.add(line);
                rows.add(parsed);
            } else {
                p.list().forEach(f -> bad.add(line, f.field(), f.reason()));
            }
        }
        List<FieldProblem> found = switch (kind) {
            case MODELS -> catalog.problemsOf(new CatalogUpload(cast(rows), null, null));
            case ITEMS -> catalog.problemsOf(new CatalogUpload(null, cast(rows), null));
            case COMPATIBILITY -> catalog.problemsOfFits(cast(rows));
            case PURCHASES -> purchases.problemsOf(cast(rows));
            case UNITS -> throw new IllegalArgumentException("units are loaded in bulk");
        };
        List<ImportProblem> mapped = found.stream().map(f -> atLine(f, lines)).toList();
        bad.addAll(mapped, mapped.size());
        if (bad.any()) {
            return new Outcome(kind, false, read, 0, bad);
        }
        store.progress(id, "APPLYING", read, 0);
        tx.executeWithoutResult(s -> {
            switch (kind) {
                case MODELS -> catalog.upsert(new CatalogUpload(cast(rows), null, null));
                case ITEMS -> catalog.upsert(new CatalogUpload(null, cast(rows), null));
                case COMPATIBILITY -> catalog.addFits(cast(rows));
                case PURCHASES -> purchases.recordAll(cast(rows));
                case UNITS -> throw new IllegalArgumentException("units are loaded in bulk");
            }
        });
        return new Outcome(kind, true, read, rows.size(), bad);
    }

    private static Object parse(ImportKind kind, Columns cols, List<String> row, Problems p) {
        return switch (kind) {
            case MODELS -> new CatalogUpload.ModelIn(cols.get(row, "gtin"), cols.get(row, "model"), cols.get(row, "productLine"),
                    integer(p, "warrantyMonths", cols.get(row, "warrantyMonths")), cols.get(row, "successorGtin"));
            case ITEMS -> new CatalogUpload.ItemIn(cols.get(row, "sku"), cols.get(row, "type"), cols.get(row, "name"),
                    decimal(p, "price", cols.get(row, "price")), cols.get(row, "currency"), null,
                    list(cols.get(row, "contains")));
            case COMPATIBILITY -> new CatalogService.Fit(cols.get(row, "sku"), cols.get(row, "gtin"));
            case PURCHASES -> new PurchaseRequest(cols.get(row, "ownerEmail"), cols.get(row, "sku"), cols.get(row, "orderRef"),
                    decimal(p, "amount", cols.get(row, "amount")), cols.get(row, "currency"),
                    instant(p, "purchasedAt", cols.get(row, "purchasedAt")),
                    cols.get(row, "source") == null ? "erp" : cols.get(row, "source"));
            case UNITS -> throw new IllegalArgumentException("units are loaded in bulk");
        };
    }

    /** "purchases[3].amount" → the line of row 3, field "amount"; a problem with the whole file → line 1. */
    private static ImportProblem atLine(FieldProblem f, List<Long> lines) {
        Matcher m = INDEXED.matcher(f.field());
        if (m.find()) {
            return new ImportProblem(lines.get(Integer.parseInt(m.group(1))), m.group(2), f.reason());
        }
        return new ImportProblem(1, "file", f.reason());
    }

    // ---- fields

    private static Integer integer(Problems p, String field, String value) {
        if (value == null) {
            return null; // the module reports it as required
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            p.add(field, "must be a whole number");
            return null;
        }
    }

    private static BigDecimal decimal(Problems p, String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            p.add(field, "must be a number such as 79.00");
            return null;
        }
    }

    private static LocalDate date(Problems p, String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            LocalDate d = LocalDate.parse(value);
            if (d.isBefore(EARLIEST) || d.isAfter(LocalDate.now(ZoneOffset.UTC).plusDays(1))) {
                p.add(field, "must lie between 1980-01-01 and tomorrow");
            }
            return d;
        } catch (DateTimeParseException e) {
            p.add(field, "must be a date such as 2026-01-31");
            return null;
        }
    }

    /** An ISO 8601 timestamp with offset, or a date (start of that day, UTC). */
    private static OffsetDateTime instant(Problems p, String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay().atOffset(ZoneOffset.UTC) : OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            p.add(field, "must be a date (2026-01-31) or a timestamp with offset (2026-01-31T09:00:00Z)");
            return null;
        }
    }

    private static List<String> list(String value) {
        return value == null ? List.of() : Arrays.stream(value.split("\\|")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> cast(List<Object> rows) {
        return (List<T>) (List<?>) rows;
    }

    private static List<String> next(CsvReader csv, BadLines bad) throws IOException {
        try {
            return csv.next();
        } catch (CsvReader.CsvException e) {
            bad.add(e.line, "line", e.getMessage());
            return null;
        }
    }

    private static CsvReader reader(Path file) throws IOException {
        return new CsvReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8));
    }

    private static List<String> trimmed(List<String> header) {
        return header.stream().map(String::trim).toList();
    }

    /** The header's columns by name; values trimmed, blank as null. */
    private static final class Columns {
        private final Map<String, Integer> index = new HashMap<>();
        private final int size;

        Columns(List<String> header) {
            for (int i = 0; i < header.size(); i++) {
                index.put(header.get(i), i);
            }
            size = header.size();
        }

        boolean fits(List<String> row, long line, BadLines bad) {
            if (row.size() != size) {
                bad.add(line, "line", "has " + row.size() + " fields; the header has " + size);
                return false;
            }
            return true;
        }

        String get(List<String> row, String column) {
            Integer i = index.get(column);
            if (i == null) {
                return null;
            }
            String v = row.get(i).trim();
            return v.isEmpty() ? null : v;
        }
    }
}
