import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Offer API load at a fixed rate: {@code java bench/OffersBench.java URL SECONDS RATE UNITS}.
 *
 * <p>Setup (not timed, JDK HttpClient): uploads UNITS units (EM-300 and GR-40 alternately, both have a
 * parts-page row in the demo table) plus the warm-up units, registers each to a new owner (marketing consent
 * for two in three, so parts-page e-mails are sent during the run as they would be), waits for the
 * registration e-mails to go out.
 *
 * <p>Load: a lean constant-rate generator, JDK NIO only. A sender thread wakes at each request's scheduled
 * time (start + i / RATE) and writes {@code GET /api/offers?gtin=&serial=&moment=PARTS_VIEWED} on an idle
 * HTTP/1.1 keep-alive connection (or queues it when every connection is busy); a reader thread parses the
 * responses with one selector. Latency is measured from the scheduled send time, not the actual one, so a
 * stalled hub shows in the figures (no coordinated omission). Units are drawn at random (fixed seed), so the
 * first call for a unit makes its decision and later ones fall inside its 10-minute window.
 *
 * <p>A warm-up phase (BENCH_WARMUP seconds, default 10, over BENCH_WARMUP_UNITS other units, default 1000)
 * runs the same load first and is not measured. Last stdout line:
 * {@code offers_rps=<n> p50_ms=<n> p99_ms=<n> errors=<n>}; exit 1 when there were errors.
 */
public class OffersBench {

    /** The hub's API key (bench/run passes the fresh bootstrap key of a hub it starts). */
    static final String API_KEY = System.getenv().getOrDefault("BENCH_API_KEY", "");

    static final String[] GTINS = {"04098765000300", "04098765001406"}; // EM-300, GR-40
    static final int CATALOG_CHUNK = 1000;
    static final int SETUP_THREADS = 16;
    static final Duration DRAIN_LIMIT = Duration.ofSeconds(30);

    final String url;
    final String host;
    final int port;
    final String runId = Long.toString(System.currentTimeMillis(), 36);
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    OffersBench(String url) {
        this.url = url;
        URI u = URI.create(url);
        this.host = u.getHost();
        this.port = u.getPort() > 0 ? u.getPort() : 80;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: java bench/OffersBench.java URL SECONDS RATE UNITS");
            System.exit(2);
        }
        String url = args[0].replaceAll("/+$", "");
        URI u = URI.create(url);
        if (!List.of("127.0.0.1", "localhost", "[::1]").contains(u.getHost()) || !"http".equals(u.getScheme())) {
            System.err.println("refusing target " + url + " (only http on 127.0.0.1, localhost or [::1])");
            System.exit(2);
        }
        int seconds = Integer.parseInt(args[1]);
        int rate = Integer.parseInt(args[2]);
        int units = Integer.parseInt(args[3]);
        int warmup = Integer.parseInt(System.getenv().getOrDefault("BENCH_WARMUP", "10"));
        int warmupUnits = Integer.parseInt(System.getenv().getOrDefault("BENCH_WARMUP_UNITS", "1000"));
        int connections = Integer.parseInt(System.getenv().getOrDefault("BENCH_CONNECTIONS", "32"));
        if (seconds < 1 || rate < 1 || units < 1 || warmup < 0 || warmupUnits < 1 || connections < 1) {
            System.err.println("SECONDS, RATE, UNITS, BENCH_WARMUP_UNITS and BENCH_CONNECTIONS must be positive");
            System.exit(2);
        }
        try {
            System.exit(new OffersBench(url).run(seconds, rate, units, warmup, warmupUnits, connections));
        } catch (IllegalStateException e) { // setup failed: nothing to measure
            System.err.println("bench: " + e.getMessage());
            System.exit(1);
        }
    }

    int run(int seconds, int rate, int units, int warmup, int warmupUnits, int connections) throws Exception {
        log("run %s: %d s at %d requests/s over %d units, %d connections; warm-up %d s over %d other units",
                runId, seconds, rate, units, connections, warmup, warmupUnits);
        String[][] measured = setupUnits("O", units);
        String[][] warm = warmup > 0 ? setupUnits("W", warmupUnits) : null;
        log("setup: letting the registration e-mails go out (5 s)");
        Thread.sleep(5000);
        if (warm != null) {
            Phase w = new Phase(warm, rate, warmup, connections);
            w.run();
            log("warm-up: %s", w.summary());
        }
        Phase m = new Phase(measured, rate, seconds, connections);
        m.run();
        log("--- summary ---");
        log("measured: %s", m.summary());
        synchronized (m.errors) {
            log("errors: %s", m.errors.isEmpty() ? "none" : m.errors);
        }
        double[] all = m.latenciesMs(r -> true);
        System.out.printf(Locale.ROOT, "offers_rps=%.1f p50_ms=%.2f p99_ms=%.2f errors=%d%n",
                m.okRate(), percentile(all, 50), percentile(all, 99), m.errorCount());
        return m.errorCount() == 0 ? 0 : 1;
    }

    // ---------------------------------------------------------------------------------------- setup

    /** Uploads and registers {@code n} units with serials {@code <prefix><runId>-<i>}; returns {gtin, serial} per unit. */
    String[][] setupUnits(String prefix, int n) throws Exception {
        String[][] units = new String[n][];
        for (int i = 0; i < n; i++) {
            units[i] = new String[] {GTINS[i % GTINS.length], prefix + runId + "-" + i};
            if (units[i][1].length() > 20) {
                throw new IllegalStateException("too many units: serials would exceed 20 characters");
            }
        }
        String manufactured = LocalDate.now().minusYears(2).toString();
        for (int from = 0; from < n; from += CATALOG_CHUNK) {
            StringBuilder body = new StringBuilder("{\"units\":[");
            for (int i = from; i < Math.min(n, from + CATALOG_CHUNK); i++) {
                body.append(i > from ? "," : "").append("{\"gtin\":\"").append(units[i][0]).append("\",\"serial\":\"")
                        .append(units[i][1]).append("\",\"batch\":\"bench\",\"manufacturedOn\":\"").append(manufactured)
                        .append("\",\"market\":\"DE\"}");
            }
            HttpResponse<String> r = post("/api/catalog", body.append("]}").toString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("catalog upload failed: HTTP " + r.statusCode() + " " + r.body());
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(SETUP_THREADS);
        AtomicInteger failed = new AtomicInteger();
        long t0 = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                futures.add(pool.submit(() -> {
                    String body = "{\"gtin\":\"" + units[k][0] + "\",\"serial\":\"" + units[k][1] + "\",\"purchaseDate\":\""
                            + LocalDate.now().minusDays(30 + (k * 37L) % 700) + "\",\"channel\":\"bench\",\"owner\":{\"email\":\"obench-"
                            + runId + "-" + prefix + k + "@example.test\",\"name\":\"Offer Owner " + k
                            + "\",\"country\":\"DE\",\"marketingConsent\":" + (k % 3 != 0) + "}}";
                    try {
                        if (post("/api/registrations", body).statusCode() != 201) {
                            failed.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " of " + n + " registrations failed in setup");
        }
        log("setup: %d units %s* uploaded and registered in %.1f s", n, prefix + runId, (System.nanoTime() - t0) / 1e9);
        return units;
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("X-Api-Key", API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    // ----------------------------------------------------------------------------------------- load

    /** One constant-rate phase: its schedule, connections and results. */
    final class Phase {
        final String[][] units;
        final int rate;
        final int total;
        final long intervalNanos;
        final int connections;
        final int[] unitOf;
        final boolean[] firstCall;
        final byte[][] requests;
        final long[] latencyNanos;   // from scheduled send to the full response; -1 = failed or not answered
        final String[] decisionOf;   // per unit, the decision of its first answer
        final Map<String, Integer> errors = new TreeMap<>();
        final ArrayDeque<Conn> idle = new ArrayDeque<>();
        final ArrayDeque<Integer> backlog = new ArrayDeque<>();
        final AtomicInteger answered = new AtomicInteger();
        volatile long start;
        volatile long lastAnswer;
        int maxBacklog;
        int reconnects;
        int retries;
        Selector selector;

        Phase(String[][] units, int rate, int seconds, int connections) {
            this.units = units;
            this.rate = rate;
            this.total = rate * seconds;
            this.intervalNanos = 1_000_000_000L / rate;
            this.connections = connections;
            this.unitOf = new int[total];
            this.firstCall = new boolean[total];
            this.requests = new byte[units.length][];
            this.latencyNanos = new long[total];
            this.decisionOf = new String[units.length];
            Arrays.fill(latencyNanos, -1);
            SplittableRandom random = new SplittableRandom(42);
            boolean[] seen = new boolean[units.length];
            for (int i = 0; i < total; i++) {
                unitOf[i] = random.nextInt(units.length);
                firstCall[i] = !seen[unitOf[i]];
                seen[unitOf[i]] = true;
            }
            for (int u = 0; u < units.length; u++) {
                requests[u] = ("GET /api/offers?gtin=" + units[u][0] + "&serial=" + units[u][1] + "&moment=PARTS_VIEWED HTTP/1.1\r\n"
                        + "Host: " + host + ":" + port + "\r\nAccept: application/json\r\nX-Api-Key: " + API_KEY + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII);
            }
        }

        /** A keep-alive connection: at most one request in flight, its response parsed as it arrives. */
        final class Conn {
            final SocketChannel ch;
            final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
            int request = -1;      // guarded by this: the sender and the reader both touch it
            boolean closed;

            Conn() throws IOException {
                ch = SocketChannel.open(new InetSocketAddress(host, port));
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                ch.configureBlocking(false);
            }
        }

        void run() throws Exception {
            selector = Selector.open();
            for (int c = 0; c < connections; c++) {
                Conn conn = new Conn();
                conn.ch.register(selector, SelectionKey.OP_READ, conn);
                idle.add(conn);
            }
            Thread reader = new Thread(this::read, "offers-bench-reader");
            start = System.nanoTime() + 50_000_000L;
            reader.start();
            for (int i = 0; i < total; i++) {
                long due = start + i * intervalNanos;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                Conn conn;
                synchronized (idle) {
                    conn = idle.poll();
                    if (conn == null) {
                        backlog.add(i);
                        maxBacklog = Math.max(maxBacklog, backlog.size());
                        continue;
                    }
                }
                send(conn, i);
            }
            long end = System.nanoTime() + DRAIN_LIMIT.toNanos();
            while (answered.get() < total && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            reader.interrupt();
            selector.wakeup();
            reader.join(5000);
            int unanswered = total - answered.get();
            if (unanswered > 0) {
                error("no answer within " + DRAIN_LIMIT.toSeconds() + " s after the last send", unanswered);
            }
            selector.close();
        }

        void send(Conn conn, int i) {
            synchronized (conn) {
                if (conn.closed) { // the server closed it meanwhile: the request waits for the next free connection
                    synchronized (idle) {
                        backlog.addFirst(i);
                    }
                    return;
                }
                conn.request = i;
                conn.in.clear();
                try {
                    ByteBuffer out = ByteBuffer.wrap(requests[unitOf[i]]);
                    while (out.hasRemaining()) {
                        if (conn.ch.write(out) == 0) {
                            Thread.onSpinWait(); // a ~150-byte request always fits an empty socket buffer; just in case
                        }
                    }
                } catch (IOException e) {
                    // the server closed this connection meanwhile: the reader sees it and sends the request again
                }
            }
        }

        void read() {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    selector.select();
                    for (var it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                        SelectionKey key = it.next();
                        it.remove();
                        if (key.isValid() && key.isReadable()) {
                            readable((Conn) key.attachment(), key);
                        }
                    }
                }
            } catch (IOException | java.nio.channels.ClosedSelectorException e) {
                // the phase is over
            }
        }

        void readable(Conn conn, SelectionKey key) throws IOException {
            int n;
            try {
                n = conn.ch.read(conn.in);
            } catch (IOException e) {
                n = -1;
            }
            int i;
            Response r = null;
            synchronized (conn) {
                if (n < 0) { // closed by the server (idle timeout, keep-alive limit): a request in flight is sent again
                    conn.closed = true;
                    i = conn.request;
                } else {
                    i = conn.request;
                    if (i < 0) {
                        return;
                    }
                    r = Response.parse(conn.in);
                    if (r == null && conn.in.hasRemaining()) {
                        return;
                    }
                    conn.request = -1;
                }
            }
            if (n < 0) {
                replace(conn, key, i);
                return;
            }
            if (r == null) {
                done(i, -1, "response larger than 64 KiB", null);
                replace(conn, key, -1);
                return;
            }
            long now = System.nanoTime();
            if (r.status != 200) {
                done(i, -1, "HTTP " + r.status, null);
            } else {
                String decision = r.decisionId();
                done(i, decision == null ? -1 : now - (start + i * intervalNanos), decision == null ? "200 without decisionId" : null,
                        decision);
            }
            if (r.close) {
                replace(conn, key, -1);
            } else {
                next(conn);
            }
        }

        /** The connection is free: the oldest queued request goes out on it, else it waits for the next scheduled one. */
        void next(Conn conn) {
            Integer queued;
            synchronized (idle) {
                queued = backlog.poll();
                if (queued == null) {
                    idle.add(conn);
                    return;
                }
            }
            send(conn, queued);
        }

        void replace(Conn conn, SelectionKey key, int inFlight) throws IOException {
            key.cancel();
            synchronized (conn) {
                conn.closed = true;
            }
            synchronized (idle) {
                idle.remove(conn);
            }
            conn.ch.close();
            reconnects++;
            Conn fresh = new Conn();
            fresh.ch.register(selector, SelectionKey.OP_READ, fresh);
            if (inFlight >= 0) {
                retries++;
                send(fresh, inFlight);
            } else {
                next(fresh);
            }
        }

        void done(int i, long nanos, String error, String decision) {
            if (error != null) {
                error(error, 1);
            } else {
                int u = unitOf[i];
                if (decisionOf[u] == null) {
                    decisionOf[u] = decision;
                } else if (!decisionOf[u].equals(decision)) {
                    error("a second decision for a unit inside its window", 1);
                    nanos = -1;
                }
            }
            latencyNanos[i] = nanos;
            lastAnswer = System.nanoTime();
            answered.incrementAndGet();
        }

        void error(String what, int n) {
            synchronized (errors) {
                errors.merge(what, n, Integer::sum);
            }
        }

        int errorCount() {
            synchronized (errors) {
                return errors.values().stream().mapToInt(Integer::intValue).sum();
            }
        }

        double okRate() {
            long ok = Arrays.stream(latencyNanos).filter(l -> l >= 0).count();
            return ok / Math.max(1e-9, (lastAnswer - start) / 1e9);
        }

        double[] latenciesMs(java.util.function.IntPredicate which) {
            return java.util.stream.IntStream.range(0, total).filter(which).filter(i -> latencyNanos[i] >= 0)
                    .mapToDouble(i -> latencyNanos[i] / 1e6).sorted().toArray();
        }

        String summary() {
            double[] all = latenciesMs(i -> true);
            double[] first = latenciesMs(i -> firstCall[i]);
            double[] repeat = latenciesMs(i -> !firstCall[i]);
            return String.format(Locale.ROOT, "%d requests, %d answered 200 (%.1f/s); all p50 %.2f p99 %.2f p99.9 %.2f max %.2f ms; "
                            + "first call of a unit (decides) n=%d p50 %.2f p99 %.2f ms; repeat (inside the window) n=%d p50 %.2f p99 %.2f ms; "
                            + "max queued %d, reconnects %d, resent %d, errors %d",
                    total, all.length, okRate(), percentile(all, 50), percentile(all, 99), percentile(all, 99.9),
                    all.length == 0 ? 0 : all[all.length - 1], first.length, percentile(first, 50), percentile(first, 99),
                    repeat.length, percentile(repeat, 50), percentile(repeat, 99), maxBacklog, reconnects, retries, errorCount());
        }
    }

    /** An HTTP/1.1 response read so far: complete (Content-Length or chunked) or null. */
    record Response(int status, boolean close, String body) {

        static Response parse(ByteBuffer in) {
            byte[] b = in.array();
            int len = in.position();
            int headEnd = indexOf(b, len, 0, "\r\n\r\n");
            if (headEnd < 0) {
                return null;
            }
            String head = new String(b, 0, headEnd, StandardCharsets.US_ASCII);
            int status = Integer.parseInt(head.substring(9, 12));
            String lower = head.toLowerCase(Locale.ROOT);
            boolean close = lower.contains("\r\nconnection: close");
            int bodyStart = headEnd + 4;
            int cl = lower.indexOf("\r\ncontent-length:");
            if (cl >= 0) {
                int eol = lower.indexOf("\r\n", cl + 2);
                int length = Integer.parseInt(lower.substring(cl + 17, eol < 0 ? lower.length() : eol).trim());
                if (len < bodyStart + length) {
                    return null;
                }
                return new Response(status, close, new String(b, bodyStart, length, StandardCharsets.UTF_8));
            }
            if (lower.contains("\r\ntransfer-encoding: chunked")) {
                StringBuilder body = new StringBuilder();
                int p = bodyStart;
                while (true) {
                    int eol = indexOf(b, len, p, "\r\n");
                    if (eol < 0) {
                        return null;
                    }
                    int size = Integer.parseInt(new String(b, p, eol - p, StandardCharsets.US_ASCII).split(";")[0].trim(), 16);
                    if (size == 0) {
                        return indexOf(b, len, eol + 2, "\r\n") < 0 ? null : new Response(status, close, body.toString());
                    }
                    if (len < eol + 2 + size + 2) {
                        return null;
                    }
                    body.append(new String(b, eol + 2, size, StandardCharsets.UTF_8));
                    p = eol + 2 + size + 2;
                }
            }
            return new Response(status, true, ""); // no length: the body ends with the connection
        }

        String decisionId() {
            int at = body.indexOf("\"decisionId\":\"");
            return at < 0 || body.length() < at + 14 + 36 ? null : body.substring(at + 14, at + 14 + 36);
        }

        private static int indexOf(byte[] b, int len, int from, String what) {
            outer:
            for (int i = from; i <= len - what.length(); i++) {
                for (int k = 0; k < what.length(); k++) {
                    if (b[i + k] != what.charAt(k)) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }

    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[offers] " + format + "%n", args);
    }
}
