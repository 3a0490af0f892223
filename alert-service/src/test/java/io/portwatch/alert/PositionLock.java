package io.portwatch.alert;

import io.agroal.api.AgroalDataSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * Holds the listener positions' table locked, so that the next store transaction waits for it while the records
 * polled meanwhile wait to be stored together; closing releases it.
 */
public final class PositionLock implements AutoCloseable {

    private final Connection connection;
    private final Statement statement;

    private PositionLock(Connection connection) throws SQLException {
        this.connection = connection;
        this.statement = connection.createStatement();
    }

    /** Locks the table; the caller then makes a transaction start (a record polled) and {@link #awaitWaiter}. */
    public static PositionLock hold(AgroalDataSource dataSource) throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            connection.setAutoCommit(false);
            PositionLock lock = new PositionLock(connection);
            lock.statement.execute("LOCK TABLE listener_position IN EXCLUSIVE MODE");
            return lock;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Waits until a store transaction waits for the lock. */
    public void awaitWaiter(Duration deadline) {
        await().atMost(deadline).until(this::waitedFor);
    }

    private boolean waitedFor() throws SQLException {
        try (ResultSet waiting = statement.executeQuery(
                "SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'listener_position'::regclass")) {
            return waiting.next() && waiting.getLong(1) > 0;
        }
    }

    @Override
    public void close() throws SQLException {
        try (connection; statement) {
            connection.rollback();
        }
    }
}
