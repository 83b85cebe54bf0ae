package io.aftersaleshub.support;

import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests: each test class gets its own hub with a fresh data folder (embedded
 * PostgreSQL unless an external test database is configured) and its own embedded Artemis, closed after
 * the class so that two hubs never share a broker or a port.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class HubIntegrationTest {

    /**
     * For a test class that uses the dev mailbox: puts it on a free port, never the default 2525 that a
     * running hub may hold. Classes with their own SMTP server register {@code hub.mail.port} themselves.
     */
    protected static void devMailboxOnAFreePort(DynamicPropertyRegistry registry) {
        int port = FreePort.find();
        registry.add("hub.mail.port", () -> port);
    }

    /** The bootstrap API key of every test hub (all scopes); {@link HubClient} sends it. */
    public static final String API_KEY = "it-bootstrap-key-0123456789abcdef0123456789abcdef";

    /**
     * A client of this test's hub for raw requests that {@link HubClient} does not cover: it sends the bootstrap
     * key on every request and never retries by itself (Apache HttpClient, when on the classpath, silently
     * retries a 429 after its Retry-After).
     */
    protected static TestRestTemplate keyed(TestRestTemplate rest) {
        return new TestRestTemplate(new RestTemplateBuilder().rootUri(rest.getRootUri())
                .requestFactory(SimpleClientHttpRequestFactory.class).defaultHeader("X-Api-Key", API_KEY));
    }

    /** The same hub without a key and without the HTTP client's own retries. */
    protected static TestRestTemplate plain(TestRestTemplate rest) {
        return new TestRestTemplate(new RestTemplateBuilder().rootUri(rest.getRootUri())
                .requestFactory(SimpleClientHttpRequestFactory.class));
    }

    private static final AtomicInteger BROKER_IDS = new AtomicInteger(100);

    @DynamicPropertySource
    static void hubProperties(DynamicPropertyRegistry registry) throws IOException {
        java.nio.file.Path dir = Files.createTempDirectory("hub-it-");
        // each class's hub writes ~100 MB (PostgreSQL, Artemis journal): gone when the test JVM ends, so that
        // repeated runs do not fill the disk (Artemis blocks producers on a disk over 90 % full)
        Runtime.getRuntime().addShutdownHook(new Thread(() -> org.springframework.util.FileSystemUtils.deleteRecursively(dir.toFile())));
        String dataDir = dir.toString();
        int brokerId = BROKER_IDS.incrementAndGet();
        registry.add("hub.data-dir", () -> dataDir);
        registry.add("hub.access.bootstrap-api-key", () -> API_KEY);
        registry.add("spring.artemis.embedded.server-id", () -> brokerId);
        // no holdout unless a test asks for one (hub.offers.holdout.share.<MOMENT>): owner ids are random, and a
        // 10 % holdout would make offers random; this is the fallback of every moment's share in application.yml
        registry.add("HUB_OFFER_HOLDOUT_SHARE", () -> 0);
        TestDatabase.Target db = TestDatabase.external();
        if (db != null) {
            registry.add("spring.datasource.url", db::url);
            registry.add("spring.datasource.username", db::user);
            registry.add("spring.datasource.password", db::password);
            // an external database is production's shape: the hub then needs its link key from outside
            registry.add("hub.links.key", () -> "integration-test-link-key-of-32-characters");
            // an external database is production's shape: the hub then needs its offer token key from outside
            registry.add("hub.offers.token-key", () -> "integration-test-offer-token-key-of-32-chars");
        }
    }
}
