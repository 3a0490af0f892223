package io.portwatch.alert.listeners;

import java.sql.SQLException;

/**
 * Tells a failure caused by the data of the events being stored from one of the database as a whole: PostgreSQL
 * refused a value (SQLSTATE class 22, data exception: a NUL in a text, a string too long for its column, a
 * time out of range; class 23, integrity constraint violation, but for the unique violation two instances
 * cause together), or our own code failed without the database saying anything. Storing the same events
 * again fails the same way; storing the others does not.
 */
final class PoisonFailure {

    private static final String UNIQUE_VIOLATION = "23505";

    private PoisonFailure() {
    }

    /** Whether the failure lies in the data being stored rather than in the database or its reach. */
    static boolean causedBy(Throwable failure) {
        if (TransientDatabaseFailure.causedBy(failure)) {
            return false;
        }
        SQLException sql = firstSql(failure);
        if (sql == null) {
            return true;
        }
        String state = sql.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23") && !UNIQUE_VIOLATION.equals(state));
    }

    private static SQLException firstSql(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (next.getSQLState() != null) {
                        return next;
                    }
                }
                return sql;
            }
        }
        return null;
    }
}
