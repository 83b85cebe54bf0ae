package io.aftersaleshub.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The embedded PostgreSQL's password: generated on first start into {@code HUB_DATA_DIR/postgres.password}
 * (readable by its owner only) and reused after. The library creates the cluster with {@code trust}
 * authentication; {@link #enforce} sets the password and replaces {@code pg_hba.conf} so that every
 * connection, over TCP or the local socket, must present it.
 */
final class EmbeddedPostgresPassword {

    static final String FILE = "postgres.password";

    private static final String HBA = """
            # Written by the hub at every start (EmbeddedPostgresPassword): every connection needs the
            # password in HUB_DATA_DIR/postgres.password.
            local all all scram-sha-256
            host  all all 127.0.0.1/32 scram-sha-256
            host  all all ::1/128 scram-sha-256
            """;

    private EmbeddedPostgresPassword() {
    }

    /** The stored password, or a new random one written owner-only. */
    static String readOrCreate(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        if (!Files.exists(file)) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String password = HexFormat.of().formatHex(random);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            } catch (FileAlreadyExistsException e) {
                return read(file);
            }
            Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
            return password;
        }
        return read(file);
    }

    private static String read(Path file) throws IOException {
        String password = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (!password.matches("[0-9a-f]{32,}")) {
            throw new IllegalStateException(file + " does not hold a password the hub generated; delete it only "
                    + "together with the postgres folder beside it");
        }
        return password;
    }

    /** Gives user postgres this password and makes the server require it from now on. */
    static void enforce(EmbeddedPostgres pg, Path pgData, String password) throws IOException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            // the password is hex: nothing to escape in the literal
            s.execute("ALTER USER postgres PASSWORD '" + password + "'");
            Files.writeString(pgData.resolve("pg_hba.conf"), HBA, StandardCharsets.UTF_8);
            s.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not secure the embedded PostgreSQL in " + pgData
                    + " with the password in " + pgData.resolveSibling(FILE) + ": " + e.getMessage(), e);
        }
    }
}
