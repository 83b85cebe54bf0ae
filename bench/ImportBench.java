import java.io.BufferedWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ERP import benchmark: writes a production batch of UNITS serials of model EM-300 (demo catalogue) as a
 * units CSV file, posts it to {@code POST /api/imports}, polls {@code GET /api/imports/{id}} until the import
 * ends, and prints {@code units_per_s=<n> import_s=<n>} last (time from the start of the upload to the
 * import's end as the hub records it). JDK only: {@code java bench/ImportBench.java URL UNITS}. Exit 1 when
 * the import does not end DONE with every line applied.
 */
public class ImportBench {
    static final String API_KEY = System.getenv().getOrDefault("BENCH_API_KEY", "");


    static final String EM300 = "04098765000300";
    static final Pattern FIELD = Pattern.compile("\"(status|linesRead|linesApplied|errorCount|finishedAt|id)\"\\s*:\\s*(\"[^\"]*\"|[0-9]+|null)");

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: java bench/ImportBench.java URL UNITS");
            System.exit(2);
        }
        String url = args[0].replaceAll("/+$", "");
        if (!List.of("127.0.0.1", "localhost", "[::1]").contains(URI.create(url).getHost())) {
            System.err.println("refusing non-loopback target " + url);
            System.exit(2);
        }
        int units = Integer.parseInt(args[1]);
        String run = Long.toString(System.currentTimeMillis(), 36);
        Path file = Path.of("bench/out/import-" + run + ".csv");
        Files.createDirectories(file.getParent());
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("gtin,serial,batch,manufacturedOn,market\n");
            for (int i = 0; i < units; i++) {
                w.write(EM300 + ",I" + run + "-" + i + ",B" + run + ",2026-11-01,DE\n");
            }
        }
        System.err.printf("bench: %s holds %d units (%d MB)%n", file, units, Files.size(file) >> 20);

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        long t0 = System.nanoTime();
        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(url + "/api/imports?fileName=" + file.getFileName()))
                .header("X-Api-Key", API_KEY).header("Content-Type", "text/csv").timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
        double uploadS = (System.nanoTime() - t0) / 1e9;
        if (posted.statusCode() != 202) {
            System.err.println("bench: POST /api/imports answered " + posted.statusCode() + ": " + posted.body());
            System.exit(1);
        }
        String id = field(posted.body(), "id");
        System.err.printf("bench: accepted as %s after %.1f s (upload)%n", id, uploadS);
        String body;
        long lastPrint = 0;
        while (true) {
            body = http.send(HttpRequest.newBuilder(URI.create(url + "/api/imports/" + id)).header("X-Api-Key", API_KEY).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            if (!"null".equals(field(body, "finishedAt"))) {
                break;
            }
            if (System.nanoTime() - lastPrint > 2_000_000_000L) {
                System.err.printf("bench: %5.1f s %s, %s lines read%n", (System.nanoTime() - t0) / 1e9, field(body, "status"), field(body, "linesRead"));
                lastPrint = System.nanoTime();
            }
            if (System.nanoTime() - t0 > Duration.ofMinutes(10).toNanos()) {
                System.err.println("bench: the import did not end within 10 minutes");
                System.exit(1);
            }
            Thread.sleep(200);
        }
        double importS = (System.nanoTime() - t0) / 1e9;
        Files.deleteIfExists(file);
        long applied = Long.parseLong(field(body, "linesApplied"));
        System.err.println("bench: " + body.substring(0, Math.min(400, body.length())));
        System.out.printf("units_per_s=%d import_s=%.1f%n", Math.round(applied / importS), importS);
        System.exit("DONE".equals(field(body, "status")) && applied == units ? 0 : 1);
    }

    static String field(String json, String name) {
        Matcher m = FIELD.matcher(json);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return m.group(2).replace("\"", "");
            }
        }
        return "null";
    }
}
