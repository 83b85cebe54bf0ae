package io.aftersaleshub.support;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * Which real PostgreSQL the integration tests use: Testcontainers where Docker runs, otherwise
 * {@code HUB_TEST_JDBC_URL} (with HUB_TEST_JDBC_USER / HUB_TEST_JDBC_PASSWORD), otherwise none here —
 * and then the hub's own embedded PostgreSQL starts, as in the embedded default.
 */
public final class TestDatabase {

    public record Target(String url, String user, String password) {
    }

    private static Target target;
    private static boolean decided;

    private TestDatabase() {
    }

    /** The external database to use, or null for the embedded one. */
    public static synchronized Target external() {
        if (decided) {
            return target;
        }
        decided = true;
        String url = System.getenv("HUB_TEST_JDBC_URL");
        if (url != null && !url.isBlank()) {
            target = new Target(url, System.getenv("HUB_TEST_JDBC_USER"), System.getenv("HUB_TEST_JDBC_PASSWORD"));
        } else if (dockerAvailable()) {
            PostgreSQLContainer<?> pg = new PostgreSQLContainer<>("postgres:16-alpine");
            pg.start();
            target = new Target(pg.getJdbcUrl(), pg.getUsername(), pg.getPassword());
        }
        return target;
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
