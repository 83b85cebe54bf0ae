package io.aftersaleshub.support;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The packaged hub jar as a child process, as an operator runs it: its own data folder and ports, its log in
 * a file, stopped with SIGTERM or killed with SIGKILL. Processes it leaves behind (the embedded PostgreSQL of
 * a killed hub) are stopped by {@link #cleanUp}.
 */
public final class HubProcess {

    /** Sent on every request, so that the harness still gets in once the hub requires API keys. */
    public static final String API_KEY = "chaos-bootstrap-key-0123456789abcdef";

    private final Path dataDir;
    private final int port;
    private final Map<String, String> env;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<ProcessHandle> started = new ArrayList<>();
    private Process process;
    private int starts;

    public HubProcess(Path dataDir, Map<String, String> env) {
        this.dataDir = dataDir.toAbsolutePath();
        this.port = FreePort.find();
        this.env = env;
    }

    public static Path jar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("aftersales-hub-.*\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no hub jar in target/: run mvn package first"));
        }
    }

    /** Starts the hub (with {@code extraEnv} on top of the fixed environment) and waits until it is healthy. */
    public Duration start(Map<String, String> extraEnv) throws Exception {
        long t0 = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar().toString(), "--server.port=" + port);
        pb.environment().put("HUB_DATA_DIR", dataDir.toString());
        pb.environment().put("HUB_BOOTSTRAP_API_KEY", API_KEY);
        pb.environment().putAll(env);
        pb.environment().putAll(extraEnv);
        File log = dataDir.resolveSibling(dataDir.getFileName() + "-hub-" + (++starts) + ".log").toFile();
        pb.redirectErrorStream(true).redirectOutput(log);
        process = pb.start();
        started.add(process.toHandle());
        Duration limit = Duration.ofSeconds(180);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("hub exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (get("/actuator/health").statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - t0);
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() - t0 > limit.toNanos()) {
                throw new IllegalStateException("hub not healthy within " + limit + "; see " + log);
            }
            Thread.sleep(250);
        }
    }

    /** SIGTERM, then waits for the process to end; returns how long the stop took. */
    public Duration terminate(Duration atMost) throws Exception {
        long t0 = System.nanoTime();
        process.descendants().forEach(started::add);
        process.destroy();
        if (!process.waitFor(atMost.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("the hub did not stop within " + atMost + " of SIGTERM");
        }
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    /** SIGKILL: no shutdown hook runs; the embedded PostgreSQL is left running, as after a real crash. */
    public void kill() throws Exception {
        process.descendants().forEach(started::add);
        process.destroyForcibly().waitFor();
    }

    /** Kills whatever this harness started that still runs (a failed test's hub, a killed hub's PostgreSQL). */
    public void cleanUp() {
        if (process != null && process.isAlive()) {
            process.descendants().forEach(started::add);
            process.destroyForcibly();
        }
        started.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroy);
        // the embedded PostgreSQL runs in its own session (pg_ctl detaches it), so it is no descendant of the
        // hub: a killed hub's server is found by its pid file, and only if it serves this harness's data folder
        try {
            Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
            if (Files.exists(pidFile)) {
                List<String> lines = Files.readAllLines(pidFile);
                if (lines.size() > 1 && lines.get(0).trim().matches("\\d+")
                        && Path.of(lines.get(1).trim()).equals(dataDir.resolve("postgres").toAbsolutePath())) {
                    ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
                            .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false))
                            .ifPresent(ProcessHandle::destroy);
                }
            }
        } catch (IOException | RuntimeException e) {
            // best effort: the next start on this folder stops a leftover server itself
        }
    }

    /**
     * A JDBC connection to this hub's embedded PostgreSQL (also one a killed hub left running), found by the
     * data folder's pid file (its port) and the generated password: the harness counts by unique keys there.
     */
    public java.sql.Connection database() throws IOException, java.sql.SQLException {
        List<String> pid = Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid"));
        String password = Files.readString(dataDir.resolve("postgres.password")).trim();
        return java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pid.get(3).trim() + "/postgres",
                "postgres", password);
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return http.send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60)).header("X-Api-Key", API_KEY);
    }
}
