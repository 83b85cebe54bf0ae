import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.postgresql.PGConnection;

/**
 * Event pipeline load generator: registers N owners (setup), posts batches of 100 events to
 * {@code POST /api/events} from CLIENTS threads for SECONDS, waits for the hub to decide them and send
 * their e-mails, then measures everything from the hub's PostgreSQL tables. A JDBC baseline writes the
 * same rows a decided event produces (event, decision, e-mail action) without HTTP or rules, so the
 * throughput can be quoted as a ratio. Needs only the JDK and the PostgreSQL driver:
 * {@code java -cp postgresql.jar bench/PipelineBench.java URL SECONDS CLIENTS OWNERS}, with
 * BENCH_JDBC_URL, BENCH_JDBC_USER and BENCH_JDBC_PASSWORD in the environment.
 * Last stdout line: {@code events_per_s=.. p50_ms=.. p99_ms=.. lost=.. duplicated=.. emails_per_s=..
 * baseline_per_s=.. ratio=..}; exit 1 on any failure.
 */
public class PipelineBench {

    /** The demo catalogue's models (src/main/resources/demo/catalog.json); checked against product_model. */
    static final String[][] MODELS = {
            {"04098765000102", "espresso"}, // EM-100
            {"04098765000300", "espresso"}, // EM-300
            {"04098765000508", "espresso"}, // EM-500
            {"04098765001208", "grinder"},  // GR-20
            {"04098765001406", "grinder"},  // GR-40
    };
    /** Baseline offers: real SKUs that fit each product line. */
    static final Map<String, String> BASELINE_SKU = Map.of("espresso", "PART-DESCALER", "grinder", "PART-BURR-GR");
    /** BENCH_EVENT_TYPES=a,b: post only these types, evenly (e.g. registration.completed, which today's hub decides). */
    static final boolean WARMUP_RUN = "1".equals(System.getenv("BENCH_WARMUP_RUN"));
    static final double RATE = Double.parseDouble(System.getenv().getOrDefault("BENCH_RATE", "0"));
    static final List<String> TYPES_OVERRIDE = System.getenv().getOrDefault("BENCH_EVENT_TYPES", "").isBlank() ? List.of()
            : List.of(System.getenv("BENCH_EVENT_TYPES").trim().split("\\s*,\\s*"));
    static final String[] CATEGORIES = {"descaling", "grinding", "leak", "milk-system", "other"};
    static final int CATALOG_CHUNK = 1000;
    static final int BATCH = 100;
    static final int SETUP_THREADS = 16;
    static final int BASELINE_CONNECTIONS = 4;
    static final Duration BASELINE_TIME = Duration.ofSeconds(15);
    static final Duration DRAIN_LIMIT = Duration.ofSeconds(120);
    static final Duration DRAIN_STALL = Duration.ofSeconds(45);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    static final Pattern LOOPBACK_JDBC =
            Pattern.compile("^jdbc:postgresql://(127\\.0\\.0\\.1|localhost|\\[::1\\])(:[0-9]{1,5})?/[A-Za-z0-9_]+$");

    final String url;
    final int seconds;
    final int clients;
    final int owners;
    final String jdbcUrl;
    final Properties jdbcProps = new Properties();
    /** The hub's API key (bench/run passes the bootstrap key it started the hub with). */
    static final String API_KEY = System.getenv().getOrDefault("BENCH_API_KEY", "");
    final String runId = Long.toString(System.currentTimeMillis(), 36);
    final String source = "bench-" + runId;
    final LocalDate today = LocalDate.now();
    final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1) // the hub speaks plain HTTP; no h2c upgrade per connection
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    final long deadline;
    final Map<String, AtomicInteger> errors = new TreeMap<>();

    // setup results, index i = unit i of this run; units whose registration failed are left out of the load
    String[] gtin;
    String[] line;
    String[] email;
    LocalDate[] purchased;
    long[] unitId;
    UUID[] ownerId;
    int[] usable;

    PipelineBench(String url, int seconds, int clients, int owners, String jdbcUrl, String user, String password) {
        this.url = url;
        this.seconds = seconds;
        this.clients = clients;
        this.owners = owners;
        this.jdbcUrl = jdbcUrl;
        jdbcProps.setProperty("user", user);
        jdbcProps.setProperty("password", password);
        jdbcProps.setProperty("reWriteBatchedInserts", "true"); // a JDBC batch becomes multi-row INSERTs
        jdbcProps.setProperty("ApplicationName", "pipeline-bench");
        // setup + timed phase + two bounded drains + baseline + measuring, with room to spare
        this.deadline = System.nanoTime() + runLimit(seconds).toNanos();
    }

    static Duration runLimit(int seconds) {
        return Duration.ofMinutes(10).plusSeconds(Math.max(0, seconds - 60));
    }

    public static void main(String[] args) throws Exception {
        if (API_KEY.isBlank()) {
            System.err.println("set BENCH_API_KEY to an API key of the hub (bench/run does when it starts the hub)");
            System.exit(2);
        }
        if (args.length != 4) {
            System.err.println("usage: java -cp postgresql.jar bench/PipelineBench.java URL SECONDS CLIENTS OWNERS"
                    + " (env BENCH_JDBC_URL, BENCH_JDBC_USER, BENCH_JDBC_PASSWORD)");
            System.exit(2);
        }
        String url = args[0].replaceAll("/+$", "");
        String host = URI.create(url).getHost();
        // Never load anything but a local hub and database: the bench creates units, owners, events, e-mails.
        if (!List.of("127.0.0.1", "localhost", "[::1]").contains(host)) {
            System.err.println("refusing non-loopback target " + url);
            System.exit(2);
        }
        String jdbcUrl = System.getenv().getOrDefault("BENCH_JDBC_URL", "");
        if (!LOOPBACK_JDBC.matcher(jdbcUrl).matches()) {
            System.err.println("refusing BENCH_JDBC_URL '" + jdbcUrl
                    + "': only jdbc:postgresql://127.0.0.1|localhost|[::1][:port]/db, without parameters");
            System.exit(2);
        }
        int seconds = Integer.parseInt(args[1]);
        int clients = Integer.parseInt(args[2]);
        int owners = Integer.parseInt(args[3]);
        if (seconds < 1 || clients < 1 || owners < 1 || owners > 1_000_000) {
            System.err.println("SECONDS, CLIENTS and OWNERS must be positive (OWNERS at most 1000000)");
            System.exit(2);
        }
        PipelineBench bench = new PipelineBench(url, seconds, clients, owners, jdbcUrl,
                System.getenv().getOrDefault("BENCH_JDBC_USER", "postgres"),
                System.getenv().getOrDefault("BENCH_JDBC_PASSWORD", "postgres"));
        // Hard stop: whatever hangs, the process ends a little after the run limit.
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(runLimit(seconds).plusSeconds(60).toMillis());
                System.err.println("bench: hard time limit reached, stopping");
                Runtime.getRuntime().halt(1);
            } catch (InterruptedException ignored) {
                // normal end
            }
        }, "watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            System.exit(bench.run());
        } catch (IllegalStateException | IllegalArgumentException | SQLException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(1);
        }
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, jdbcProps);
    }

    int run() throws Exception {
        log("run %s: %d owners, %d s, %d clients, target %s, database %s", runId, owners, seconds, clients, url, jdbcUrl);
        if (!TYPES_OVERRIDE.isEmpty()) {
            log("event types from BENCH_EVENT_TYPES: %s (not the standard mix)", TYPES_OVERRIDE);
        }
        try (Connection db = connect()) {
            checkDatabase(db);
            setup(db);
            waitForSetupEmails(db);

            Timed timed = timedPhase();
            loadAccepted(db, timed);
            double decideDrainS = drain(db, "decisions", """
                    SELECT count(*) FROM (SELECT DISTINCT event_id FROM bench_accepted) a
                    WHERE NOT EXISTS (SELECT 1 FROM decision d WHERE d.event_id = a.event_id)
                    """);
            double emailDrainS = drain(db, "e-mails", """
                    SELECT count(*) FROM hub_event e JOIN decision d ON d.event_id = e.id
                    JOIN outbound_action a ON a.decision_id = d.id
                    WHERE e.source = '%s' AND lower(a.channel) = 'email' AND a.status = 'PENDING'
                    """.formatted(source));

            // Baseline after the timed phase: its decisions (with offers, for the setup owners) must not
            // be seen by the hub's guardrails while the pipeline is measured.
            // a warm-up run (bench/run) only loads the hub; its figures are not read
            double baselinePerS = WARMUP_RUN ? 0 : baseline();
            return report(db, timed, decideDrainS, emailDrainS, baselinePerS);
        }
    }

    /** The server must really be local, and the hub's tables must be there. */
    void checkDatabase(Connection db) throws SQLException {
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT host(inet_server_addr()), to_regclass('hub_event') IS NOT NULL")) {
            rs.next();
            String addr = rs.getString(1);
            if (addr != null && !addr.equals("127.0.0.1") && !addr.equals("::1")) {
                throw new IllegalStateException("database server address " + addr + " is not loopback");
            }
            if (!rs.getBoolean(2)) {
                throw new IllegalStateException("no hub_event table in " + jdbcUrl + ": is this the hub's database?");
            }
        }
        Set<String> models = new HashSet<>(queryStrings(db, "SELECT gtin FROM product_model"));
        for (String[] m : MODELS) {
            if (!models.contains(m[0])) {
                throw new IllegalStateException("demo model " + m[0] + " missing from product_model (HUB_DEMO_DATA=false?)");
            }
        }
    }

    // ------------------------------------------------------------------------------------------ setup

    void setup(Connection db) throws Exception {
        gtin = new String[owners];
        line = new String[owners];
        email = new String[owners];
        purchased = new LocalDate[owners];
        unitId = new long[owners];
        ownerId = new UUID[owners];
        for (int i = 0; i < owners; i++) {
            String[] m = MODELS[i % MODELS.length];
            gtin[i] = m[0];
            line[i] = m[1];
            email[i] = "pbench-" + runId + "-" + i + "@example.test";
            // spread over the last 3 years (1095 days), so anniversaries and warranty states differ
            purchased[i] = today.minusDays((i * 389L) % 1095);
        }
        String manufactured = today.minusYears(3).minusMonths(2).toString();
        long t0 = System.nanoTime();
        for (int from = 0; from < owners; from += CATALOG_CHUNK) {
            int to = Math.min(owners, from + CATALOG_CHUNK);
            StringBuilder units = new StringBuilder();
            for (int i = from; i < to; i++) {
                units.append(i > from ? "," : "").append(obj("gtin", q(gtin[i]), "serial", q(serial(i)),
                        "batch", q("bench"), "manufacturedOn", q(manufactured), "market", q("DE")));
            }
            Result r = send("catalog", "/api/catalog", "{\"units\":[" + units + "]}");
            if (r.status != 200 || !(r.body().get("units") instanceof Number count) || count.intValue() != to - from) {
                throw new IllegalStateException("catalog upload failed: HTTP " + r.status + " " + r.raw);
            }
        }
        log("setup: %d units uploaded", owners);

        ExecutorService pool = Executors.newFixedThreadPool(SETUP_THREADS);
        AtomicInteger done = new AtomicInteger();
        int step = Math.max(1, owners / 10);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < owners; i++) {
                int k = i;
                futures.add(pool.submit(() -> {
                    String owner = obj("email", q(email[k]), "name", q("Pipeline Owner " + k), "country", q("DE"),
                            "marketingConsent", k % 3 == 0 ? "false" : "true");
                    send("register", "/api/registrations", obj("gtin", q(gtin[k]), "serial", q(serial(k)),
                            "owner", owner, "purchaseDate", q(purchased[k].toString()), "channel", q("bench")));
                    int d = done.incrementAndGet();
                    if (d % step == 0 || d == owners) {
                        log("setup: registered %d/%d", d, owners);
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        // ids for the baseline, and only the units that really have their owner for the load
        Map<String, Integer> bySerial = new HashMap<>();
        for (int i = 0; i < owners; i++) {
            bySerial.put(serial(i), i);
        }
        List<Integer> ok = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("""
                SELECT u.serial, u.id, o.id, o.email FROM unit u
                JOIN ownership os ON os.unit_id = u.id AND os.owned_to IS NULL
                JOIN owner o ON o.id = os.owner_id
                WHERE u.serial LIKE ?""")) {
            ps.setString(1, "P" + runId + "-%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Integer i = bySerial.get(rs.getString(1));
                    if (i != null && email[i].equals(rs.getString(4))) {
                        unitId[i] = rs.getLong(2);
                        ownerId[i] = rs.getObject(3, UUID.class);
                        ok.add(i);
                    }
                }
            }
        }
        usable = ok.stream().sorted().mapToInt(Integer::intValue).toArray();
        log("setup: %d of %d units registered to their owner, %.1f s", usable.length, owners,
                (System.nanoTime() - t0) / 1e9);
        if (usable.length == 0) {
            throw new IllegalStateException("setup registered no unit; nothing to load");
        }
    }

    /** The registrations' own e-mails should not compete with the measured phase (bounded to 60 s). */
    void waitForSetupEmails(Connection db) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long pending;
        do {
            pending = queryLong(db, """
                    SELECT count(*) FROM outbound_action a JOIN decision d ON d.id = a.decision_id
                    JOIN unit u ON u.id = d.unit_id WHERE u.serial LIKE 'P%s-%%' AND a.status = 'PENDING'
                    """.formatted(runId));
            if (pending == 0) {
                return;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < end);
        log("setup: %d registration e-mails still PENDING after 60 s; going on", pending);
    }

    // ------------------------------------------------------------------------------------ timed phase

    record Timed(long firstPostMillis, long lastAnswerMillis, long posted, long unanswered,
                 Map<String, Long> byStatus, Map<String, Map<String, Long>> byType, List<String> accepted) {
    }

    Timed timedPhase() throws Exception {
        log("timed: %d clients posting batches of %d events for %d s", clients, BATCH, seconds);
        AtomicLong counter = new AtomicLong();
        AtomicLong firstPost = new AtomicLong();
        AtomicLong lastAnswer = new AtomicLong();
        AtomicLong posted = new AtomicLong();
        AtomicLong unanswered = new AtomicLong();
        Map<String, Long> byStatus = new TreeMap<>();
        Map<String, Map<String, Long>> byType = new TreeMap<>();
        ConcurrentLinkedQueue<List<String>> accepted = new ConcurrentLinkedQueue<>();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        Thread progress = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(5000);
                    log("timed: %d events posted", posted.get());
                }
            } catch (InterruptedException ignored) {
                // phase over
            }
        });
        progress.setDaemon(true);
        progress.start();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                futures.add(pool.submit(() -> {
                    List<String> mine = new ArrayList<>();
                    Map<String, Long> myStatus = new HashMap<>();
                    Map<String, Map<String, Long>> myType = new HashMap<>();
                    // BENCH_RATE paces the clients to that many events/s in all (0: as fast as answered)
                    long slotNanos = RATE > 0 ? (long) (1e9 * clients * BATCH / RATE) : 0;
                    long nextSlot = System.nanoTime();
                    while (System.nanoTime() < end && System.nanoTime() < deadline) {
                        if (slotNanos > 0) {
                            long wait = nextSlot - System.nanoTime();
                            if (wait > 0) {
                                try {
                                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                                } catch (InterruptedException e) {
                                    return null;
                                }
                            }
                            nextSlot += slotNanos;
                        }
                        Map<String, String> typeOf = new HashMap<>();
                        StringBuilder body = new StringBuilder("[");
                        for (int b = 0; b < BATCH; b++) {
                            long n = counter.getAndIncrement();
                            String id = runId + "-" + n;
                            String type = event(body.append(b > 0 ? "," : ""), n, id);
                            typeOf.put(id, type);
                        }
                        body.append(']');
                        firstPost.compareAndSet(0, System.currentTimeMillis());
                        Result r = send("events", "/api/events", body.toString());
                        lastAnswer.accumulateAndGet(System.currentTimeMillis(), Math::max);
                        posted.addAndGet(BATCH);
                        if (r.status / 100 != 2 || !(r.parsed instanceof List<?> receipts)) {
                            unanswered.addAndGet(BATCH);
                            typeOf.values().forEach(t -> count(myType.computeIfAbsent(t, k -> new TreeMap<>()), "no receipt"));
                            myStatus.merge("no receipt", (long) BATCH, Long::sum);
                            try {
                                Thread.sleep(100); // a refusing or dead hub: do not spin
                            } catch (InterruptedException e) {
                                return null;
                            }
                            continue;
                        }
                        Set<String> seen = new HashSet<>();
                        for (Object o : receipts) {
                            Map<?, ?> receipt = o instanceof Map<?, ?> m ? m : Map.of();
                            String sid = String.valueOf(receipt.get("sourceEventId"));
                            String status = String.valueOf(receipt.get("status"));
                            String type = typeOf.get(sid);
                            if (type == null || !source.equals(receipt.get("source")) || !seen.add(sid)) {
                                error("events receipt for an event not in the batch (or twice)");
                                continue;
                            }
                            count(myStatus, status);
                            count(myType.computeIfAbsent(type, k -> new TreeMap<>()), status);
                            if ("accepted".equals(status)) {
                                mine.add(String.valueOf(receipt.get("eventId")));
                            } else if (!"stored".equals(status)) {
                                error("events receipt status " + status + " for a new sourceEventId");
                            }
                        }
                        for (Map.Entry<String, String> e : typeOf.entrySet()) {
                            if (!seen.contains(e.getKey())) {
                                error("events no receipt for a posted event");
                                count(myType.computeIfAbsent(e.getValue(), k -> new TreeMap<>()), "no receipt");
                                count(myStatus, "no receipt");
                            }
                        }
                    }
                    accepted.add(mine);
                    synchronized (byStatus) {
                        myStatus.forEach((k, v) -> byStatus.merge(k, v, Long::sum));
                        myType.forEach((t, m) -> m.forEach((k, v) ->
                                byType.computeIfAbsent(t, x -> new TreeMap<>()).merge(k, v, Long::sum)));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
            progress.interrupt();
        }
        List<String> all = new ArrayList<>();
        accepted.forEach(all::addAll);
        log("timed: %d events posted in %.1f s; receipts %s", posted.get(),
                (lastAnswer.get() - firstPost.get()) / 1e3, byStatus);
        return new Timed(firstPost.get(), lastAnswer.get(), posted.get(), unanswered.get(), byStatus, byType, all);
    }

    /** Appends event n as JSON to sb and returns its type: ~50 % support, 20 % parts, 15 % anniversary, 15 % warranty. */
    String event(StringBuilder sb, long n, String sourceEventId) {
        int i = usable[(int) (n % usable.length)];
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        String type = TYPES_OVERRIDE.isEmpty() ? null : TYPES_OVERRIDE.get(rnd.nextInt(TYPES_OVERRIDE.size()));
        int pick = type == null ? rnd.nextInt(20) : switch (type) {
            case "support.case_closed" -> 0;
            case "parts.viewed" -> 10;
            case "ownership.anniversary" -> 14;
            case "warranty.expiring" -> 17;
            default -> -1;
        };
        String attributes;
        if (pick < 0) {
            attributes = "{}";
        } else if (pick < 10) {
            type = "support.case_closed";
            attributes = obj("caseId", q("CASE-" + sourceEventId), "category", q(CATEGORIES[rnd.nextInt(CATEGORIES.length)]),
                    "resolution", q("resolved"));
        } else if (pick < 14) {
            type = "parts.viewed";
            attributes = "{}";
        } else if (pick < 17) {
            type = "ownership.anniversary";
            attributes = obj("year", Integer.toString(Math.max(1, Period.between(purchased[i], today).getYears())));
        } else {
            type = "warranty.expiring";
            attributes = "{}";
        }
        sb.append(obj("type", q(type), "source", q(source), "sourceEventId", q(sourceEventId),
                "occurredAt", q(Instant.now().toString()), "gtin", q(gtin[i]), "serial", q(serial(i)),
                "ownerEmail", q(email[i]), "attributes", attributes));
        return type;
    }

    /** The accepted event ids go into a temporary table, so that everything below is one SQL query. */
    void loadAccepted(Connection db, Timed timed) throws Exception {
        try (Statement st = db.createStatement()) {
            st.execute("CREATE TEMP TABLE bench_accepted (event_id uuid NOT NULL)");
        }
        StringBuilder rows = new StringBuilder();
        int bad = 0;
        for (String id : timed.accepted()) {
            try {
                rows.append(UUID.fromString(id)).append('\n');
            } catch (IllegalArgumentException e) {
                bad++;
            }
        }
        if (bad > 0) {
            error("events accepted receipt without a valid eventId (" + bad + ")");
        }
        db.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY bench_accepted FROM STDIN", new StringReader(rows.toString()));
        try (Statement st = db.createStatement()) {
            st.execute("CREATE INDEX ON bench_accepted (event_id)");
            st.execute("ANALYZE bench_accepted");
        }
    }

    /** Polls countSql until 0, DRAIN_LIMIT, or no progress for DRAIN_STALL; returns the seconds spent. */
    double drain(Connection db, String what, String countSql) throws Exception {
        long t0 = System.nanoTime();
        long limit = t0 + DRAIN_LIMIT.toNanos();
        long lastChange = t0;
        long last = -1;
        long lastLog = t0;
        while (true) {
            long left = queryLong(db, countSql);
            long now = System.nanoTime();
            if (left != last) {
                last = left;
                lastChange = now;
            }
            if (left == 0) {
                break;
            }
            if (now > limit || now > deadline || now - lastChange > DRAIN_STALL.toNanos()) {
                log("drain %s: gave up with %d left after %.1f s (%s)", what, left, (now - t0) / 1e9,
                        now - lastChange > DRAIN_STALL.toNanos() ? "no progress for " + DRAIN_STALL.toSeconds() + " s" : "time limit");
                break;
            }
            if (now - lastLog > 5e9) {
                log("drain %s: %d left", what, left);
                lastLog = now;
            }
            Thread.sleep(250);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        log("drain %s: %.1f s, %d left", what, s, last);
        return s;
    }

    // --------------------------------------------------------------------------------------- baseline

    /** JDBC only: event + decision + e-mail action per event, 100 events per transaction, 4 connections, 15 s. */
    double baseline() throws Exception {
        String baselineSource = "bench-baseline-" + runId;
        List<String> actionColumns;
        try (Connection db = connect()) {
            actionColumns = queryStrings(db, """
                    SELECT column_name FROM information_schema.columns
                    WHERE table_schema = current_schema() AND table_name = 'outbound_action'""");
        }
        boolean legacy = actionColumns.contains("recipient"); // today's schema: upper-case channel and a recipient
        boolean published = actionColumns.contains("published_at");
        boolean withStatus;
        try (Connection db = connect()) {
            // since V3 a decision records its status, facts and candidates: the baseline writes them too
            withStatus = queryStrings(db, """
                    SELECT column_name FROM information_schema.columns
                    WHERE table_schema = current_schema() AND table_name = 'decision'""").contains("status");
        }
        String decisionSql = withStatus ? """
                INSERT INTO decision (id, event_id, moment, unit_id, owner_id, offer_sku, discount_percent,
                                      expires_at, reason, rules_version, rule_name, decided_at, status, facts, candidates, guardrails)
                VALUES (?, ?, 'SUPPORT_CLOSED', ?, ?, ?, 10, now() + interval '30 days',
                        'bench baseline', 'bench-baseline', 'bench baseline', now(), 'OFFERED', ?::jsonb, ?::jsonb, ?::jsonb)"""
                : """
                INSERT INTO decision (id, event_id, moment, unit_id, owner_id, offer_sku, discount_percent,
                                      expires_at, reason, rules_version, rule_name, decided_at)
                VALUES (?, ?, 'SUPPORT_CLOSED', ?, ?, ?, 10, now() + interval '30 days',
                        'bench baseline', 'bench-baseline', 'bench baseline', now())""";
        String actionSql = "INSERT INTO outbound_action (id, decision_id, channel, idempotency_key, "
                + (legacy ? "recipient" : "payload") + ", status, attempts, sent_at" + (published ? ", published_at" : "")
                + ") VALUES (?, ?, ?, ?, " + (legacy ? "?" : "?::jsonb") + ", 'SENT', 1, now()" + (published ? ", now()" : "") + ")";
        String channel = legacy ? "EMAIL" : "email";
        log("baseline: outbound_action schema %s; %d connections, batches of %d events, %d s",
                legacy ? "with recipient (today's)" : "with payload (redesign)", BASELINE_CONNECTIONS, BATCH,
                BASELINE_TIME.toSeconds());
        AtomicLong written = new AtomicLong();
        AtomicLong seq = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(BASELINE_CONNECTIONS);
        long t0 = System.nanoTime();
        long end = t0 + BASELINE_TIME.toNanos();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < BASELINE_CONNECTIONS; c++) {
                futures.add(pool.submit(() -> {
                    try (Connection db = connect()) {
                        db.setAutoCommit(false);
                        try (PreparedStatement ev = db.prepareStatement("""
                                INSERT INTO hub_event (id, type, source, source_event_id, occurred_at, received_at, gtin, serial,
                                                       owner_email, attributes, status)
                                VALUES (?, 'support.case_closed', ?, ?, now(), now(), ?, ?, ?, ?::jsonb, 'DECIDED')""");
                             PreparedStatement dec = db.prepareStatement(decisionSql);
                             PreparedStatement act = db.prepareStatement(actionSql)) {
                            while (System.nanoTime() < end && System.nanoTime() < deadline) {
                                for (int b = 0; b < BATCH; b++) {
                                    long n = seq.getAndIncrement();
                                    int i = usable[(int) (n % usable.length)];
                                    UUID eventId = UUID.randomUUID();
                                    UUID decisionId = UUID.randomUUID();
                                    String sku = BASELINE_SKU.get(line[i]);
                                    ev.setObject(1, eventId);
                                    ev.setString(2, baselineSource);
                                    ev.setString(3, runId + "-" + n);
                                    ev.setString(4, gtin[i]);
                                    ev.setString(5, serial(i));
                                    ev.setString(6, email[i]);
                                    ev.setString(7, obj("caseId", q("CASE-" + n), "category", q(CATEGORIES[(int) (n % CATEGORIES.length)]),
                                            "resolution", q("resolved")));
                                    ev.addBatch();
                                    dec.setObject(1, decisionId);
                                    dec.setObject(2, eventId);
                                    dec.setLong(3, unitId[i]);
                                    dec.setObject(4, ownerId[i]);
                                    dec.setString(5, sku);
                                    if (withStatus) {
                                        // about the size of what the decide step records
                                        dec.setString(6, obj("moment", q("SUPPORT_CLOSED"), "productLine", q(line[i]),
                                                "caseCategory", q(CATEGORIES[(int) (n % CATEGORIES.length)]), "daysOwned", "100",
                                                "offersLast30Days", "0"));
                                        dec.setString(7, "[" + obj("sku", q(sku), "ruleName", q("bench baseline"), "priority", "100",
                                                "removedBy", "null") + "]");
                                        dec.setString(8, "[" + obj("guardrail", q("COMPATIBLE"), "removed", "[]") + "]");
                                    }
                                    dec.addBatch();
                                    act.setObject(1, UUID.randomUUID());
                                    act.setObject(2, decisionId);
                                    act.setString(3, channel);
                                    act.setString(4, "email:" + decisionId);
                                    act.setString(5, legacy ? email[i] : obj("to", q(email[i]), "offerSku", q(sku)));
                                    act.addBatch();
                                }
                                ev.executeBatch();
                                dec.executeBatch();
                                act.executeBatch();
                                db.commit();
                                written.addAndGet(BATCH);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("baseline failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        double s = (System.nanoTime() - t0) / 1e9;
        double perS = written.get() / s;
        log("baseline: %d events written in %.1f s = %.1f/s (source %s)", written.get(), s, perS, baselineSource);
        return perS;
    }

    // ---------------------------------------------------------------------------------------- results

    int report(Connection db, Timed timed, double decideDrainS, double emailDrainS, double baselinePerS) throws Exception {
        long acceptedReceipts = timed.accepted().size();
        long acceptedDistinct = queryLong(db, "SELECT count(DISTINCT event_id) FROM bench_accepted");
        long acceptedTwice = acceptedReceipts - acceptedDistinct;
        long noDecision = queryLong(db, """
                SELECT count(*) FROM (SELECT DISTINCT event_id FROM bench_accepted) a
                WHERE NOT EXISTS (SELECT 1 FROM decision d WHERE d.event_id = a.event_id)""");
        long noEventRow = queryLong(db, """
                SELECT count(*) FROM (SELECT DISTINCT event_id FROM bench_accepted) a
                WHERE NOT EXISTS (SELECT 1 FROM hub_event e WHERE e.id = a.event_id)""");
        long acceptedLost = queryLong(db, """
                SELECT count(*) FROM (SELECT DISTINCT event_id FROM bench_accepted) a
                WHERE NOT EXISTS (SELECT 1 FROM decision d WHERE d.event_id = a.event_id)
                   OR NOT EXISTS (SELECT 1 FROM hub_event e WHERE e.id = a.event_id)""");
        long stored = timed.byStatus().getOrDefault("stored", 0L);
        long lost = acceptedLost + stored;

        long extraDecisions = queryLong(db, """
                SELECT coalesce(sum(c - 1), 0) FROM (SELECT count(*) c FROM decision d JOIN hub_event e ON e.id = d.event_id
                WHERE e.source = '%s' GROUP BY d.event_id HAVING count(*) > 1) x""".formatted(source));
        long extraActions = queryLong(db, """
                SELECT coalesce(sum(c - 1), 0) FROM (SELECT count(*) c FROM outbound_action a
                JOIN decision d ON d.id = a.decision_id JOIN hub_event e ON e.id = d.event_id
                WHERE e.source = '%s' GROUP BY a.decision_id, lower(a.channel) HAVING count(*) > 1) x""".formatted(source));
        long duplicated = extraDecisions + extraActions + acceptedTwice;

        double decided = 0;
        double lastDecidedMs = 0;
        double p50 = 0;
        double p99 = 0;
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT count(*), extract(epoch FROM max(d.decided_at)) * 1000,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM d.decided_at - e.received_at) * 1000),
                       percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM d.decided_at - e.received_at) * 1000)
                FROM (SELECT DISTINCT event_id FROM bench_accepted) a
                JOIN hub_event e ON e.id = a.event_id JOIN decision d ON d.event_id = e.id""")) {
            rs.next();
            decided = rs.getLong(1);
            lastDecidedMs = rs.getDouble(2);
            p50 = rs.getDouble(3);
            p99 = rs.getDouble(4);
        }
        double eventsPerS = decided == 0 ? 0 : decided / Math.max(0.001, (lastDecidedMs - timed.firstPostMillis()) / 1e3);

        double sent = 0;
        double lastSentMs = 0;
        double firstSentMs = 0;
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT count(*), extract(epoch FROM min(a.sent_at)) * 1000, extract(epoch FROM max(a.sent_at)) * 1000
                FROM hub_event e JOIN decision d ON d.event_id = e.id JOIN outbound_action a ON a.decision_id = d.id
                WHERE e.source = '%s' AND lower(a.channel) = 'email' AND a.sent_at IS NOT NULL""".formatted(source))) {
            rs.next();
            sent = rs.getLong(1);
            firstSentMs = rs.getDouble(2);
            lastSentMs = rs.getDouble(3);
        }
        // run window: first post to last send (includes the time to the first e-mail)
        double emailsPerS = sent == 0 ? 0 : sent / Math.max(0.001, (lastSentMs - timed.firstPostMillis()) / 1e3);
        double ratio = baselinePerS == 0 ? 0 : eventsPerS / baselinePerS;

        log("--- summary (run %s, source %s) ---", runId, source);
        log("setup: %d of %d owners registered; load: %d clients, %d s, batches of %d", usable.length, owners, clients,
                seconds, BATCH);
        log("posted %d events in %.1f s (%.1f/s offered); without a 2xx answer: %d", timed.posted(),
                (timed.lastAnswerMillis() - timed.firstPostMillis()) / 1e3,
                timed.posted() / Math.max(0.001, (timed.lastAnswerMillis() - timed.firstPostMillis()) / 1e3), timed.unanswered());
        log("receipts by status: %s", timed.byStatus());
        timed.byType().forEach((t, m) -> log("  %-22s %s", t, m));
        log("hub_event rows of the run by type/status: %s", groupCounts(db, """
                SELECT type || '/' || status, count(*) FROM hub_event WHERE source = '%s' GROUP BY 1 ORDER BY 1""".formatted(source)));
        log("decisions of the run by moment/offer: %s", groupCounts(db, """
                SELECT d.moment || CASE WHEN d.offer_sku IS NULL THEN '/no offer' ELSE '/offer' END, count(*)
                FROM hub_event e JOIN decision d ON d.event_id = e.id WHERE e.source = '%s' GROUP BY 1 ORDER BY 1""".formatted(source)));
        log("actions of the run by channel/status: %s", groupCounts(db, """
                SELECT a.channel || '/' || a.status, count(*) FROM hub_event e JOIN decision d ON d.event_id = e.id
                JOIN outbound_action a ON a.decision_id = d.id WHERE e.source = '%s' GROUP BY 1 ORDER BY 1""".formatted(source)));
        log("drain: decisions %.1f s, e-mails %.1f s", decideDrainS, emailDrainS);
        log("accepted %d (distinct %d): decided %.0f, without decision %d, without event row %d", acceptedReceipts,
                acceptedDistinct, decided, noDecision, noEventRow);
        log("lost=%d: accepted and not decided (or no event row) %d + stored, i.e. never to be decided, %d",
                lost, acceptedLost, stored);
        log("duplicated=%d: extra decisions %d + extra actions per (decision, channel) %d + event ids accepted twice %d",
                duplicated, extraDecisions, extraActions, acceptedTwice);
        log("events_per_s: %.0f decided / (last decided_at - first post); e-mails sent %.0f between %s and %s",
                decided, sent, sent == 0 ? "-" : Instant.ofEpochMilli((long) firstSentMs),
                sent == 0 ? "-" : Instant.ofEpochMilli((long) lastSentMs));
        synchronized (errors) {
            log("errors: %s", errors.isEmpty() ? "none" : errors);
        }
        System.out.printf(Locale.ROOT,
                "events_per_s=%.1f p50_ms=%.1f p99_ms=%.1f lost=%d duplicated=%d emails_per_s=%.1f baseline_per_s=%.1f ratio=%.3f%n",
                eventsPerS, p50, p99, lost, duplicated, emailsPerS, baselinePerS, ratio);
        boolean ok;
        synchronized (errors) {
            ok = errors.isEmpty() && lost == 0 && duplicated == 0 && timed.unanswered() == 0;
        }
        return ok ? 0 : 1;
    }

    // ------------------------------------------------------------------------------------------ helpers

    String serial(int i) {
        return "P" + runId + "-" + i;
    }

    static void count(Map<String, Long> m, String key) {
        m.merge(key, 1L, Long::sum);
    }

    static long queryLong(Connection db, String sql) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static List<String> queryStrings(Connection db, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    static Map<String, Long> groupCounts(Connection db, String sql) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    record Result(int status, String raw, Object parsed) {
        @SuppressWarnings("unchecked")
        Map<String, Object> body() {
            return parsed instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        }
    }

    /** POSTs json; anything but 2xx (or an exception) is counted under the phase and returns status 0 or the status. */
    Result send(String phase, String path, String json) {
        if (System.nanoTime() > deadline) {
            error(phase + " skipped (run limit)");
            return new Result(0, "", null);
        }
        HttpRequest req = HttpRequest.newBuilder(URI.create(url + path)).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json").header("X-Api-Key", API_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        try {
            HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
            int status = resp.statusCode();
            boolean expected = switch (phase) {
                case "register" -> status == 201;
                case "events" -> status == 202 || status == 200;
                default -> status == 200;
            };
            if (!expected) {
                error(phase + " " + status + (status == 400 ? " " + abbreviate(resp.body()) : ""));
            }
            Object parsed = null;
            try {
                parsed = resp.body().isBlank() ? null : new Json(resp.body()).value();
            } catch (RuntimeException e) {
                error(phase + " " + status + " unparseable body");
            }
            return new Result(status, resp.body(), parsed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error(phase + " interrupted");
            return new Result(0, "", null);
        } catch (Exception e) {
            error(phase + " " + e.getClass().getSimpleName());
            return new Result(0, "", null);
        }
    }

    static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }

    void error(String key) {
        synchronized (errors) {
            errors.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        }
    }

    static void log(String format, Object... args) {
        System.err.println(String.format(Locale.ROOT, format, args));
    }

    /** {"k1":v1,...} from alternating keys and already-encoded JSON values. */
    static String obj(String... kv) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < kv.length; i += 2) {
            sb.append(i == 0 ? "" : ",").append(q(kv[i])).append(':').append(kv[i + 1]);
        }
        return sb.append('}').toString();
    }

    static String q(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** Just enough JSON to read the hub's answers (as in RegistrationsBench). */
    static final class Json {
        private final String s;
        private int pos;

        Json(String s) {
            this.s = s;
        }

        Object value() {
            Object v = any();
            ws();
            if (pos != s.length()) {
                throw error("trailing characters");
            }
            return v;
        }

        private Object any() {
            ws();
            if (pos >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(pos);
            if (c == '{') {
                pos++;
                Map<String, Object> m = new LinkedHashMap<>();
                if (peek('}')) {
                    return m;
                }
                do {
                    ws();
                    String key = string();
                    expect(':');
                    m.put(key, any());
                } while (peek(','));
                expect('}');
                return m;
            }
            if (c == '[') {
                pos++;
                List<Object> l = new ArrayList<>();
                if (peek(']')) {
                    return l;
                }
                do {
                    l.add(any());
                } while (peek(','));
                expect(']');
                return l;
            }
            return c == '"' ? string() : literal();
        }

        private String string() {
            if (pos >= s.length() || s.charAt(pos) != '"') {
                throw error("expected string");
            }
            StringBuilder sb = new StringBuilder();
            for (pos++; pos < s.length(); pos++) {
                char c = s.charAt(pos);
                if (c == '"') {
                    pos++;
                    return sb.toString();
                }
                if (c == '\\') {
                    char e = s.charAt(++pos);
                    switch (e) {
                        case 'n' -> sb.append('\n');
                        case 't' -> sb.append('\t');
                        case 'r' -> sb.append('\r');
                        case 'b' -> sb.append('\b');
                        case 'f' -> sb.append('\f');
                        case 'u' -> {
                            sb.append((char) Integer.parseInt(s.substring(pos + 1, pos + 5), 16));
                            pos += 4;
                        }
                        default -> sb.append(e);
                    }
                } else {
                    sb.append(c);
                }
            }
            throw error("unterminated string");
        }

        private Object literal() {
            int start = pos;
            while (pos < s.length() && "{}[],: \t\r\n".indexOf(s.charAt(pos)) < 0) {
                pos++;
            }
            String t = s.substring(start, pos);
            return switch (t) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                case "null" -> null;
                default -> {
                    try {
                        yield Double.valueOf(t);
                    } catch (NumberFormatException e) {
                        throw error("bad literal '" + t + "'");
                    }
                }
            };
        }

        private boolean peek(char c) {
            ws();
            if (pos < s.length() && s.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw error("expected '" + c + "'");
            }
        }

        private void ws() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at " + pos);
        }
    }
}
