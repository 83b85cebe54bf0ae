import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The daily job at scale: generates N units, owners and current ownerships of model EM-300 in the hub's
 * database with generate_series (purchase dates spread over four years, so about 1 in 365 has an
 * anniversary today and some a warranty notice), then runs the job for today through
 * {@code POST /api/ops/daily-job} twice: the first run makes the events, the second (the same day again,
 * as a second node would) must make none. Prints last:
 * {@code daily_job_ownerships=<n> pages=<n> seconds=<s> ms_per_page=<n> ownerships_per_s=<n> events=<n> events_per_s=<n> rerun_seconds=<s> duplicated=<n>}.
 *
 * Run through {@code bench/run daily-job [N]}; by hand:
 * {@code java -cp postgresql.jar bench/DailyJobBench.java URL N} with BENCH_JDBC_URL, BENCH_JDBC_USER, BENCH_JDBC_PASSWORD.
 */
public class DailyJobBench {
    static final String API_KEY = System.getenv().getOrDefault("BENCH_API_KEY", "");


    public static void main(String[] args) throws Exception {
        String url = args[0];
        int n = Integer.parseInt(args[1]);
        String run = Long.toString(System.currentTimeMillis(), 36);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        try (Connection db = DriverManager.getConnection(System.getenv("BENCH_JDBC_URL"),
                System.getenv().getOrDefault("BENCH_JDBC_USER", "postgres"),
                System.getenv().getOrDefault("BENCH_JDBC_PASSWORD", "postgres"))) {
            long t0 = System.nanoTime();
            exec(db, """
                    INSERT INTO unit (gtin, serial, batch, manufactured_on, market)
                    SELECT '04098765000300', 'J' || ? || '-' || g, 'BENCH', date '2022-01-01', 'DE' FROM generate_series(1, ?) g""", run, n);
            exec(db, """
                    INSERT INTO owner (id, email, name, country, marketing_consent)
                    SELECT gen_random_uuid(), 'j' || ? || '-' || g || '@bench.test', 'Bench ' || g, 'DE', false
                    FROM generate_series(1, ?) g""", run, n);
            exec(db, """
                    INSERT INTO ownership (id, unit_id, owner_id, owned_from, purchase_date, channel)
                    SELECT gen_random_uuid(), u.id, o.id, CAST(? AS date) - (g % 1460) + 1, CAST(? AS date) - (g % 1460), 'bench'
                    FROM generate_series(1, ?) g
                    JOIN unit u ON u.gtin = '04098765000300' AND u.serial = 'J' || ? || '-' || g
                    JOIN owner o ON o.email = 'j' || ? || '-' || g || '@bench.test'""", today.toString(), today.toString(), n, run, run);
            exec(db, "ANALYZE ownership");
            System.err.printf("bench: %d ownerships generated in %.1f s (run %s)%n", n, (System.nanoTime() - t0) / 1e9, run);

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            long start = System.nanoTime();
            String first = post(http, url + "/api/ops/daily-job?date=" + today);
            double seconds = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            String second = post(http, url + "/api/ops/daily-job?date=" + today);
            double rerun = (System.nanoTime() - start) / 1e9;
            System.err.println("bench: first run " + first);
            System.err.println("bench: second run " + second);

            long scanned = number(first, "scanned");
            long pages = number(first, "pages");
            long made = number(first, "anniversaries") + number(first, "warrantyNotices");
            long madeAgain = number(second, "anniversaries") + number(second, "warrantyNotices");
            long stored;
            try (PreparedStatement s = db.prepareStatement(
                    "SELECT count(*) FROM hub_event WHERE source = 'hub.schedule' AND serial LIKE ?")) {
                s.setString(1, "J" + run + "-%");
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    stored = rs.getLong(1);
                }
            }
            long duplicated = madeAgain + Math.max(0, stored - made);
            System.out.printf("daily_job_ownerships=%d pages=%d seconds=%.2f ms_per_page=%.0f ownerships_per_s=%.0f events=%d "
                            + "events_per_s=%.0f rerun_seconds=%.2f duplicated=%d%n",
                    scanned, pages, seconds, seconds * 1000 / Math.max(1, pages), scanned / seconds, made, made / seconds,
                    rerun, duplicated);
            System.exit(duplicated == 0 && stored == made ? 0 : 1);
        }
    }

    private static void exec(Connection db, String sql, Object... params) throws Exception {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            s.execute();
        }
    }

    private static String post(HttpClient http, String uri) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(uri)).header("X-Api-Key", API_KEY).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("daily job answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static long number(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":(\\d+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + field + " in " + json);
        }
        return Long.parseLong(m.group(1));
    }
}
