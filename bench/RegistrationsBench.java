import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Registration load generator for the hub: uploads N fresh units, registers each one with CONCURRENCY
 * threads, re-posts 1 % to check idempotency, then reads every unit's decisions back to count lost and
 * duplicated effects. JDK only, so it runs with the single-file launcher:
 * {@code java bench/RegistrationsBench.java URL N CONCURRENCY}.
 * Last stdout line: {@code events_per_s=.. p50_ms=.. p99_ms=.. lost=.. duplicated=..}; exit 1 on any failure.
 */
public class RegistrationsBench {

    static final String GTIN = "04098765000300"; // EM-300 from the demo catalogue
    static final int CATALOG_CHUNK = 1000;
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    static final Duration RUN_LIMIT = Duration.ofMinutes(10);

    final String url;
    final int n;
    /** The hub's API key (bench/run passes the bootstrap key it started the hub with). */
    static final String API_KEY = System.getenv().getOrDefault("BENCH_API_KEY", "");
    final String runId = Long.toString(System.currentTimeMillis(), 36);
    final String today = LocalDate.now().toString();
    // HTTP/1.1: the hub speaks plain HTTP, and the default would try an h2c upgrade on every connection.
    final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    final ExecutorService pool;
    final long deadline = System.nanoTime() + RUN_LIMIT.toNanos();
    final Map<String, AtomicInteger> errors = new TreeMap<>();

    RegistrationsBench(String url, int n, int concurrency) {
        this.url = url;
        this.n = n;
        this.pool = Executors.newFixedThreadPool(concurrency);
    }

    public static void main(String[] args) throws Exception {
        if (API_KEY.isBlank()) {
            System.err.println("set BENCH_API_KEY to an API key of the hub (bench/run does when it starts the hub)");
            System.exit(2);
        }
        if (args.length != 3) {
            System.err.println("usage: java bench/RegistrationsBench.java URL N CONCURRENCY");
            System.exit(2);
        }
        String url = args[0].replaceAll("/+$", "");
        String host = URI.create(url).getHost();
        // Never load anything but a local hub: the bench creates units, owners and emails.
        if (!List.of("127.0.0.1", "localhost", "[::1]").contains(host)) {
            System.err.println("refusing non-loopback target " + url);
            System.exit(2);
        }
        int n = Integer.parseInt(args[1]);
        int concurrency = Integer.parseInt(args[2]);
        if (n < 1 || concurrency < 1) {
            System.err.println("N and CONCURRENCY must be positive");
            System.exit(2);
        }
        try {
            System.exit(new RegistrationsBench(url, n, concurrency).run(concurrency));
        } catch (IllegalStateException | IllegalArgumentException e) { // setup failed: nothing to measure
            System.err.println("bench: " + e.getMessage());
            System.exit(1);
        }
    }

    int run(int concurrency) throws Exception {
        if (serial(n - 1).length() > 20) {
            throw new IllegalArgumentException("N too large: serials would exceed 20 characters");
        }
        log("run %s: %d registrations, concurrency %d, target %s", runId, n, concurrency, url);
        try {
            uploadUnits();

            // Baseline, same invocation, same N and concurrency: a one-query read of each (not yet
            // registered) unit's decisions. It prices HTTP, JSON and a database round trip on this
            // machine, so the registration figure can be quoted as a ratio that survives noisy machines.
            Result[] base = new Result[n];
            long baseStart = System.nanoTime();
            forEach("baseline", i -> base[i] = send("baseline", "/api/units/" + GTIN + "/" + serial(i) + "/decisions", null));
            double baseWallS = (System.nanoTime() - baseStart) / 1e9;
            double[] baseSorted = java.util.Arrays.stream(base).filter(r -> r.status == 200)
                    .mapToDouble(r -> r.millis).sorted().toArray();

            // Registration phase: the measured part.
            Result[] first = new Result[n];
            long start = System.nanoTime();
            forEach("register", i -> first[i] = send("register", "/api/registrations", registration(i)));
            double wallS = (System.nanoTime() - start) / 1e9;

            List<Integer> accepted = new ArrayList<>();
            List<Double> latencies = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Result r = first[i];
                if (r.status == 201) {
                    accepted.add(i);
                    latencies.add(r.millis);
                    if (!(r.body().get("offer") instanceof Map<?, ?> offer) || offer.get("sku") == null) {
                        error("register 201 without offer.sku");
                    }
                }
            }

            repostSome(accepted, first);
            int[] lostAndDup = verify(accepted);

            double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double eventsPerS = accepted.size() / wallS;
            log("--- summary ---");
            log("N=%d concurrency=%d accepted=%d wall_s=%.2f", n, concurrency, accepted.size(), wallS);
            double basePerS = baseSorted.length / baseWallS;
            log("baseline (GET decisions): per_s=%.1f p50_ms=%.1f; registrations/baseline: throughput %.3f, p50 %.2f",
                    basePerS, percentile(baseSorted, 50), eventsPerS / basePerS,
                    percentile(sorted, 50) / percentile(baseSorted, 50));
            System.out.printf(Locale.ROOT, "baseline_per_s=%.1f baseline_p50_ms=%.1f ratio_per_s=%.3f%n",
                    basePerS, percentile(baseSorted, 50), eventsPerS / basePerS);
            synchronized (errors) {
                log("errors: %s", errors.isEmpty() ? "none" : errors);
            }
            System.out.printf(Locale.ROOT, "events_per_s=%.1f p50_ms=%.1f p99_ms=%.1f lost=%d duplicated=%d%n",
                    eventsPerS, percentile(sorted, 50), percentile(sorted, 99), lostAndDup[0], lostAndDup[1]);
            boolean ok = errors.isEmpty() && lostAndDup[0] == 0 && lostAndDup[1] == 0;
            return ok ? 0 : 1;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Units first, in chunks, so that every registration below finds its unit. */
    void uploadUnits() {
        for (int from = 0; from < n; from += CATALOG_CHUNK) {
            int to = Math.min(n, from + CATALOG_CHUNK);
            StringBuilder units = new StringBuilder();
            for (int i = from; i < to; i++) {
                if (i > from) {
                    units.append(',');
                }
                units.append(obj("gtin", q(GTIN), "serial", q(serial(i)), "batch", q("bench"),
                        "manufacturedOn", q("2026-01-15"), "market", q("DE")));
            }
            Result r = send("catalog", "/api/catalog", "{\"units\":[" + units + "]}");
            if (r.status != 200 || !(r.body().get("units") instanceof Number count) || count.intValue() != to - from) {
                throw new IllegalStateException("catalog upload failed: HTTP " + r.status + " " + r.raw);
            }
        }
        log("catalog: %d units uploaded", n);
    }

    /** Re-registers 1 % (at least one) with identical bodies: must be 200 with the same registrationId. */
    void repostSome(List<Integer> accepted, Result[] first) throws Exception {
        int count = Math.min(accepted.size(), Math.max(1, n / 100));
        int[] picks = new int[count];
        for (int k = 0; k < count; k++) {
            picks[k] = accepted.get((int) ((long) k * accepted.size() / count)); // spread over the run
        }
        forEach("re-register", k -> {
            int i = picks[k];
            Result r = send("re-register", "/api/registrations", registration(i));
            if (r.status != 200 && r.status > 0) {
                error("re-register " + r.status + " (expected 200)");
            } else if (r.status == 200 && (first[i].body().get("registrationId") == null
                    || !first[i].body().get("registrationId").equals(r.body().get("registrationId")))) {
                error("re-register other registrationId");
            }
        }, count);
    }

    /** Returns {lost, duplicated} from every unit's recorded decisions. */
    int[] verify(List<Integer> accepted) throws Exception {
        boolean[] wasAccepted = new boolean[n];
        accepted.forEach(i -> wasAccepted[i] = true);
        boolean[] emailed = new boolean[n];
        AtomicInteger duplicated = new AtomicInteger();
        forEach("verify", i -> {
            Result r = send("verify", "/api/units/" + GTIN + "/" + serial(i) + "/decisions", null);
            if (r.status != 200 || !(r.parsed instanceof List<?> decisions)) {
                return; // counted in errors; the unit cannot be shown to have its email, so it counts as lost
            }
            int registrations = 0;
            int emails = 0;
            for (Object d : decisions) {
                Map<?, ?> decision = (Map<?, ?>) d;
                if ("REGISTRATION".equals(decision.get("moment"))) {
                    registrations++;
                }
                if (decision.get("actions") instanceof List<?> actions) {
                    for (Object a : actions) {
                        if ("email".equals(((Map<?, ?>) a).get("channel"))) {
                            emails++;
                        }
                    }
                }
            }
            emailed[i] = emails > 0;
            duplicated.addAndGet(Math.max(0, registrations - 1) + Math.max(0, emails - 1));
        });
        int lost = 0;
        for (int i = 0; i < n; i++) {
            if (!wasAccepted[i] || !emailed[i]) {
                lost++;
            }
        }
        log("verify: lost=%d duplicated=%d", lost, duplicated.get());
        return new int[] {lost, duplicated.get()};
    }

    void forEach(String phase, IntConsumer task) throws Exception {
        forEach(phase, task, n);
    }

    /** Runs task(0..count-1) on the shared pool, logging progress every 10 %. */
    void forEach(String phase, IntConsumer task, int count) throws Exception {
        AtomicInteger done = new AtomicInteger();
        int step = Math.max(1, count / 10);
        List<Future<?>> futures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int index = i;
            futures.add(pool.submit(() -> {
                try {
                    task.accept(index);
                } catch (RuntimeException e) { // an answer of an unexpected shape: count it, keep going
                    error(phase + " " + e);
                }
                int d = done.incrementAndGet();
                if (d % step == 0 || d == count) {
                    log("%s: %d/%d", phase, d, count);
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get(); // send() never throws; each task ends within the request timeout or at the run deadline
        }
    }

    record Result(int status, double millis, String raw, Object parsed) {
        @SuppressWarnings("unchecked")
        Map<String, Object> body() {
            return parsed instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        }
    }

    /** POSTs json (or GETs when json is null); failures are counted under the phase and return status 0. */
    Result send(String phase, String path, String json) {
        if (System.nanoTime() > deadline) {
            error(phase + " skipped (run limit " + RUN_LIMIT.toMinutes() + " min)");
            return new Result(0, 0, "", null);
        }
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url + path)).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json").header("X-Api-Key", API_KEY);
        req = json == null ? req.GET()
                : req.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> resp = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
            double millis = (System.nanoTime() - t0) / 1e6; // send -> full body read
            int status = resp.statusCode();
            boolean expected = switch (phase) {
                case "register" -> status == 201;
                case "re-register" -> true; // judged by repostSome, which knows what was expected
                default -> status == 200;
            };
            if (!expected) {
                error(phase + " " + status);
            }
            Object parsed = null;
            try {
                parsed = resp.body().isBlank() ? null : new Json(resp.body()).value();
            } catch (RuntimeException e) {
                error(phase + " " + status + " unparseable body");
            }
            return new Result(status, millis, resp.body(), parsed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error(phase + " interrupted");
            return new Result(0, 0, "", null);
        } catch (Exception e) {
            error(phase + " " + e.getClass().getSimpleName());
            return new Result(0, 0, "", null);
        }
    }

    String registration(int i) {
        String owner = obj("email", q("bench-" + runId + "-" + i + "@example.test"), "name", q("Bench Owner " + i),
                "country", q("DE"), "marketingConsent", "true");
        return obj("gtin", q(GTIN), "serial", q(serial(i)), "owner", owner, "purchaseDate", q(today),
                "channel", q("bench"));
    }

    String serial(int i) {
        return "B" + runId + "-" + i;
    }

    void error(String key) {
        synchronized (errors) {
            errors.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        }
    }

    static double percentile(double[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length); // nearest-rank
        return sorted[Math.max(0, rank - 1)];
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

    /**
     * Just enough JSON to read the hub's answers (maps, lists, strings, numbers, booleans, null), so the
     * checks look at fields and not at how the server happens to format them.
     */
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
            switch (c) {
                case '{': {
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
                case '[': {
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
                case '"':
                    return string();
                default:
                    return literal();
            }
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
                        default -> sb.append(e); // \" \\ \/
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
            switch (t) {
                case "true":
                    return Boolean.TRUE;
                case "false":
                    return Boolean.FALSE;
                case "null":
                    return null;
                default:
                    try {
                        return Double.valueOf(t);
                    } catch (NumberFormatException e) {
                        throw error("bad literal '" + t + "'");
                    }
            }
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
