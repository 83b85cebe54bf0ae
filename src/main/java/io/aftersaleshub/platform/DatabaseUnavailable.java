package io.aftersaleshub.platform;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Whether a failure means the database cannot be reached right now (stopped, restarting, unreachable, no
 * connection to be had in time) rather than a fault of the request or the hub: such a request is answered
 * 503 with {@code Retry-After}, not 500, and its transaction has written nothing.
 */
public final class DatabaseUnavailable {

    /** What a client is told while the database is away. */
    public static final String DETAIL = "The database is not available right now; nothing was changed. Try again shortly.";
    /** Seconds a client should wait before trying again. */
    public static final String RETRY_AFTER_SECONDS = "5";

    private DatabaseUnavailable() {
    }

    public static boolean in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CannotGetJdbcConnectionException || t instanceof CannotCreateTransactionException
                    || t instanceof DataAccessResourceFailureException || t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && isConnectionState(sql.getSQLState())) {
                return true;
            }
            // the rollback after the connection broke failed too: the first failure is the one that tells
            if (t instanceof TransactionSystemException tse && tse.getApplicationException() != null
                    && in(tse.getApplicationException())) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQL states of a lost or refused connection: class 08 (connection exception) and the server going away
     * (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now).
     */
    static boolean isConnectionState(String state) {
        return state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03");
    }
}
