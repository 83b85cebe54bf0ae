package io.aftersaleshub.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Loads many units at once (an ERP production batch of a million serials), inside the caller's
 * transaction: rows stream with PostgreSQL {@code COPY} into a temporary table, are checked there as a
 * whole (known model, no unit twice in the load), then inserted with one {@code INSERT … SELECT … ON
 * CONFLICT DO NOTHING}, so units that exist already stay as they are and a load sent twice adds nothing.
 * The caller checks each row's fields ({@link Gtin#problemWith}, {@link Serial#problemWith}) before
 * {@link Staging#add}.
 */
@Component
public class UnitBulkLoad {

    /** A row of the load that cannot be applied: its line in the caller's file, the field and why. */
    public record RowProblem(long line, String field, String message) {
    }

    /** The problems of a load: the first ones (up to the limit asked for) and how many there are in all. */
    public record Problems(List<RowProblem> first, long count) {
    }

    private final DataSource dataSource;

    public UnitBulkLoad(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Starts a load in the current transaction (required); the staging table goes away with the transaction. */
    public Staging stage() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("a unit load runs inside a transaction");
        }
        Connection c = DataSourceUtils.getConnection(dataSource);
        try (Statement st = c.createStatement()) {
            st.execute("""
                    CREATE TEMP TABLE unit_load (line bigint NOT NULL, gtin char(14) NOT NULL, serial text NOT NULL,
                        batch text, manufactured_on date, market text) ON COMMIT DROP""");
            CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY unit_load FROM STDIN");
            return new Staging(c, copy);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start a unit load: " + e.getMessage(), e);
        }
    }

    /** One load: {@link #add} rows, {@link #finish}, read {@link #problems}, then {@link #apply} if there are none. */
    public static final class Staging {

        private static final int FLUSH_AT = 256 * 1024;

        private final Connection connection;
        private final CopyIn copy;
        private final StringBuilder buffer = new StringBuilder(FLUSH_AT + 1024);

        private Staging(Connection connection, CopyIn copy) {
            this.connection = connection;
            this.copy = copy;
        }

        /** A row whose fields are checked; gtin is the 14-digit form. */
        public void add(long line, String gtin, String serial, String batch, LocalDate manufacturedOn, String market) {
            buffer.append(line).append('\t');
            field(gtin).append('\t');
            field(serial).append('\t');
            field(batch).append('\t');
            field(manufacturedOn == null ? null : manufacturedOn.toString()).append('\t');
            field(market).append('\n');
            if (buffer.length() >= FLUSH_AT) {
                flush();
            }
        }

        /** Ends the copy; returns the rows staged. */
        public long finish() {
            flush();
            try {
                long rows = copy.endCopy();
                try (Statement st = connection.createStatement()) {
                    st.execute("ANALYZE unit_load");
                }
                return rows;
            } catch (SQLException e) {
                throw new IllegalStateException("unit load failed: " + e.getMessage(), e);
            }
        }

        /** What cannot be applied: a GTIN that names no model, a unit twice in the load. */
        public Problems problems(int limit) {
            List<RowProblem> first = new ArrayList<>();
            long count = 0;
            try (PreparedStatement ps = connection.prepareStatement("""
                    WITH p AS (
                        SELECT s.line, 'gtin' AS field, 'names no known model' AS message FROM unit_load s
                        WHERE NOT EXISTS (SELECT 1 FROM product_model m WHERE m.gtin = s.gtin)
                      UNION ALL
                        SELECT s.line, 'serial', 'appears twice in this file for this GTIN (first on line ' || d.first || ')'
                        FROM unit_load s JOIN (SELECT gtin, serial, min(line) AS first FROM unit_load
                                               GROUP BY gtin, serial HAVING count(*) > 1) d
                          ON d.gtin = s.gtin AND d.serial = s.serial AND s.line > d.first)
                    SELECT line, field, message, count(*) OVER () FROM p ORDER BY line LIMIT ?""")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        first.add(new RowProblem(rs.getLong(1), rs.getString(2), rs.getString(3)));
                        count = rs.getLong(4);
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot check the unit load: " + e.getMessage(), e);
            }
            return new Problems(first, count);
        }

        /** Inserts the staged units that do not exist yet; returns how many were new. */
        public long apply() {
            try (Statement st = connection.createStatement()) {
                return st.executeLargeUpdate("""
                        INSERT INTO unit (gtin, serial, batch, manufactured_on, market)
                        SELECT gtin, serial, batch, manufactured_on, market FROM unit_load
                        ON CONFLICT (gtin, serial) DO NOTHING""");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot apply the unit load: " + e.getMessage(), e);
            }
        }

        private StringBuilder field(String value) {
            if (value == null) {
                return buffer.append("\\N");
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '\\' -> buffer.append("\\\\");
                    case '\t' -> buffer.append("\\t");
                    case '\n' -> buffer.append("\\n");
                    case '\r' -> buffer.append("\\r");
                    default -> buffer.append(c);
                }
            }
            return buffer;
        }

        private void flush() {
            if (buffer.isEmpty()) {
                return;
            }
            byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            buffer.setLength(0);
            try {
                copy.writeToCopy(bytes, 0, bytes.length);
            } catch (SQLException e) {
                throw new UncheckedIOException(new IOException("unit load failed: " + e.getMessage(), e));
            }
        }
    }
}
