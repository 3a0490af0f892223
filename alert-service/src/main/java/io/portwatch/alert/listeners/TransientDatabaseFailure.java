package io.portwatch.alert.listeners;

import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.Locale;
import java.util.Set;

/**
 * Tells a failure that retrying the same batch will get past from any other: PostgreSQL unreachable (down,
 * restarting, no connection to be had), or a conflict with another instance working on the same findings
 * at the same time (during a consumer-group rebalance: a finding both inserted, a deadlock, a
 * serialization failure). Anything else is a defect, and retrying would only repeat it.
 */
final class TransientDatabaseFailure {

    private static final Set<String> CONFLICTS = Set.of("23505", "40001", "40P01");

    private TransientDatabaseFailure() {
    }

    /** Whether anything in the cause chain says the database cannot be reached now, or a concurrent change conflicted. */
    static boolean causedBy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientException) {
                return true;
            }
            if (cause instanceof SQLException sql && retryable(sql)) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQLSTATE class 08 (connection exception), 57P01-57P03 (shutting down, crashed, starting up), 23505
     * (unique violation), 40001 (serialization failure), 40P01 (deadlock detected), or the pool's
     * "acquisition timeout" (no connection could be opened in time).
     */
    private static boolean retryable(SQLException sql) {
        String state = sql.getSQLState();
        if (state != null) {
            return state.startsWith("08") || state.startsWith("57P") || CONFLICTS.contains(state);
        }
        String message = sql.getMessage();
        return message != null && message.toLowerCase(Locale.ROOT).contains("acquisition timeout");
    }
}
