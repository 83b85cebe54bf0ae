import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Rules deploy benchmark: the shipped workbook plus ROWS generated rows (default 5,000; SUPPORT_CLOSED rows
 * for case categories {@code bench-<n>}, so the shipped cases still pass) is uploaded with
 * {@code POST /api/rules} while ~500 support.case_closed events per second flow (their categories hit the
 * generated rows). Then a burst of 10,000 events is decided with that table active, and the previous version
 * is activated again. Measures, from the hub's tables: the deploy time, the largest gap between consecutive
 * decisions ({@code decision.decided_at}) while the deploy ran, and decisions per second (burst: first post
 * to last decision, end to end through HTTP, PostgreSQL and the rules). Classpath: POI and the PostgreSQL
 * driver (bench/run passes the hub's runtime classpath). Last stdout line:
 * {@code deploy_s=.. max_pause_ms=.. decisions_per_s=..}.
 */
public class RulesBench {

    static final String API_KEY = System.getenv().getOrDefault("BENCH_API_KEY", "");
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static String url;
    static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    static final List<String[]> UNITS = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        url = args[0];
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        String catalog = Files.readString(Path.of("src/main/resources/demo/catalog.json"));
        Matcher m = Pattern.compile("\"gtin\":\\s*\"(\\d{14})\",\\s*\"serial\":\\s*\"([^\"]+)\"").matcher(catalog);
        while (m.find()) {
            UNITS.add(new String[] {m.group(1), m.group(2)});
        }
        for (String[] u : UNITS) { // owners, so that the rules run for every event (a second run finds them registered)
            post("/api/registrations", "application/json", ("{\"gtin\":\"%s\",\"serial\":\"%s\",\"purchaseDate\":\"2026-01-10\","
                    + "\"owner\":{\"email\":\"bench-%s@example.com\",\"name\":\"B\",\"country\":\"DE\",\"marketingConsent\":false}}")
                    .formatted(u[0], u[1], u[1].toLowerCase()).getBytes(StandardCharsets.UTF_8));
        }
        byte[] workbook = workbook(rows);
        byte[] cases = Files.readAllBytes(Path.of("rules/offers.cases.csv"));
        String before = get("/api/rules/versions").replaceAll("(?s).*?\"version\":(\\d+),\"status\":\"ACTIVE\".*", "$1");
        System.err.printf("bench: workbook with %d generated rows (%d KB); active version %s%n", rows, workbook.length / 1024, before);

        AtomicBoolean flowing = new AtomicBoolean(true);
        AtomicInteger sent = new AtomicInteger();
        Thread load = new Thread(() -> {
            while (flowing.get()) {
                // small, frequent posts (~500/s): a gap between decisions then shows a pause, not the send interval
                accepted(post("/api/events", "application/json", events(sent, 10, rows)));
                sleep(20);
            }
        });
        load.start();
        sleep(5000);
        Instant deployStart = Instant.now();
        String boundary = "bench" + RUN;
        HttpResponse<String> deployed = post("/api/rules", "multipart/form-data; boundary=" + boundary,
                multipart(boundary, workbook, cases));
        Instant deployEnd = Instant.now();
        if (deployed.statusCode() != 201) {
            flowing.set(false);
            throw new IllegalStateException("deploy answered " + deployed.statusCode() + ": " + (deployed.body().length() > 2000 ? deployed.body().substring(0, 2000) + "…" : deployed.body()));
        }
        sleep(3000);
        flowing.set(false);
        load.join();

        try (Connection db = DriverManager.getConnection(System.getenv("BENCH_JDBC_URL"), System.getenv("BENCH_JDBC_USER"),
                System.getenv("BENCH_JDBC_PASSWORD"))) {
            awaitDecided(db, sent.get());
            // the same measure over the 4 s of the same load before the upload: what the load alone gives
            long beforeUpload = maxGap(db, deployStart.minusSeconds(4), deployStart, false);
            long maxPause = maxGap(db, deployStart, deployEnd, true);
            System.err.printf("bench: largest gap between decisions: %d ms in the 4 s before the upload, %d ms during it%n", beforeUpload, maxPause);
            // the burst: 10,000 events in batches of 500, decided with the generated table active
            int burst = 10_000;
            Instant burstStart = Instant.now();
            for (int i = 0; i < burst / 500; i++) {
                accepted(post("/api/events", "application/json", events(sent, 500, rows)));
            }
            awaitDecided(db, sent.get());
            Instant lastDecision = lastDecision(db);
            double perS = burst / (Duration.between(burstStart, lastDecision).toMillis() / 1000.0);
            post("/api/rules/versions/" + before + "/activate", "application/json", new byte[0]);
            System.err.printf("bench: %s%n", deployed.body().length() > 200 ? deployed.body().substring(0, 200) + "…" : deployed.body());
            System.out.printf("deploy_s=%.1f max_pause_ms=%d decisions_per_s=%.0f%n",
                    Duration.between(deployStart, deployEnd).toMillis() / 1000.0, maxPause, perS);
        }
    }

    static byte[] workbook(int rows) throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(Files.readAllBytes(Path.of("rules/offers.drl.xlsx"))));
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.getSheetAt(0);
            int r = 9;
            while (sheet.getRow(r) != null && sheet.getRow(r).getCell(0) != null && !sheet.getRow(r).getCell(0).getStringCellValue().isBlank()) {
                r++;
            }
            String[] models = {"EM-100", "EM-300", "EM-500", "GR-20", "GR-40"};
            for (int i = 0; i < rows; i++) {
                String model = models[i % models.length];
                boolean espresso = model.startsWith("EM");
                // the template's columns, in order: name, 12 conditions (moment … max offers), 4 actions (SKU, priority, discount, hours)
                String[] values = {"Bench row " + i, "SUPPORT_CLOSED", espresso ? "espresso" : "grinder", model, "", String.valueOf(i % 700), "",
                        "bench-" + i, "", "", "", "", "",
                        espresso ? (i % 2 == 0 ? "PART-DESCALER" : "KIT-ESP-CARE") : "PART-BURR-GR",
                        String.valueOf(10 + i % 50), "5", "24"};
                Row row = sheet.createRow(r++);
                for (int c = 0; c < values.length; c++) {
                    if (!values[c].isEmpty()) {
                        row.createCell(c).setCellValue(values[c]);
                    }
                }
            }
            wb.write(out);
            return out.toByteArray();
        }
    }

    static byte[] events(AtomicInteger sent, int n, int rows) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            int k = sent.incrementAndGet();
            String[] u = UNITS.get(k % UNITS.size());
            s.append(i == 0 ? "" : ",").append("{\"type\":\"support.case_closed\",\"source\":\"bench-rules\",\"sourceEventId\":\"")
                    .append(RUN).append('-').append(k).append("\",\"occurredAt\":\"2026-11-20T10:00:00Z\",\"gtin\":\"").append(u[0])
                    .append("\",\"serial\":\"").append(u[1]).append("\",\"attributes\":{\"caseId\":\"").append(RUN).append('-').append(k)
                    .append("\",\"category\":\"bench-").append(k % rows).append("\"}}");
        }
        return s.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Events the hub refused would never be decided: stop with its answer rather than wait for them. */
    static void accepted(HttpResponse<String> r) {
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("events answered " + r.statusCode() + ": " + r.body());
        }
    }

    static byte[] multipart(String boundary, byte[] workbook, byte[] cases) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object[] part : new Object[][] {{"workbook", "offers.drl.xlsx", workbook}, {"cases", "offers.cases.csv", cases}}) {
            out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part[0] + "\"; filename=\"" + part[1]
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.write((byte[]) part[2]);
            out.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    static void awaitDecided(Connection db, int events) throws Exception {
        for (int waited = 0; waited < 600; waited++) {
            try (PreparedStatement ps = db.prepareStatement("SELECT count(*) FROM decision d JOIN hub_event e ON e.id = d.event_id "
                    + "WHERE e.source = 'bench-rules' AND e.source_event_id LIKE ?")) {
                ps.setString(1, RUN + "-%");
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) >= events) {
                        return;
                    }
                }
            }
            sleep(200);
        }
        throw new IllegalStateException("events were not all decided within 2 minutes");
    }

    static long maxGap(Connection db, Instant from, Instant to, boolean report) throws Exception {
        long max = 0;
        Instant prev = from;
        try (PreparedStatement ps = db.prepareStatement("SELECT DISTINCT decided_at FROM decision WHERE decided_at BETWEEN ? AND ? ORDER BY 1")) {
            ps.setTimestamp(1, Timestamp.from(from));
            ps.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant t = rs.getTimestamp(1).toInstant();
                    long gap = Duration.between(prev, t).toMillis();
                    if (gap > max) {
                        max = gap;
                        if (report) {
                            // where the largest gap ends, from the upload's start (its answer came at to - from)
                            System.err.printf("bench: gap of %d ms ending at %s, %d ms into the upload (answered after %d ms)%n", gap, t,
                                    Duration.between(from, t).toMillis(), Duration.between(from, to).toMillis());
                        }
                    }
                    prev = t;
                }
            }
        }
        return Math.max(max, Duration.between(prev, to).toMillis());
    }

    static Instant lastDecision(Connection db) throws Exception {
        try (PreparedStatement ps = db.prepareStatement("SELECT max(d.decided_at) FROM decision d JOIN hub_event e ON e.id = d.event_id "
                + "WHERE e.source = 'bench-rules' AND e.source_event_id LIKE ?")) {
            ps.setString(1, RUN + "-%");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getTimestamp(1).toInstant();
            }
        }
    }

    static String get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).header("X-Api-Key", API_KEY).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    static HttpResponse<String> post(String path, String type, byte[] body) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(120)).header("X-Api-Key", API_KEY).header("Content-Type", type)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(path + ": " + e, e);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
