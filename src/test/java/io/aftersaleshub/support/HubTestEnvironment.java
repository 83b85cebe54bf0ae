package io.aftersaleshub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * Puts the hub's data (embedded PostgreSQL, Artemis journal) of one test JVM in a fresh folder, and
 * points it at the external test database when there is one. Must run before the Spring context starts:
 * the hub reads these settings while it prepares its environment.
 */
public final class HubTestEnvironment {

    private HubTestEnvironment() {
    }

    public static synchronized void prepare() {
        if (System.getProperty("hub.data-dir") != null) {
            return;
        }
        try {
            System.setProperty("hub.data-dir", Files.createTempDirectory("hub-it-").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TestDatabase.Target db = TestDatabase.external();
        if (db != null) {
            System.setProperty("spring.datasource.url", db.url());
            if (db.user() != null) {
                System.setProperty("spring.datasource.username", db.user());
            }
            if (db.password() != null) {
                System.setProperty("spring.datasource.password", db.password());
            }
        }
    }
}
