package io.portwatch.alert.listeners;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

class TransientDatabaseFailureTest {

    @Test
    void connectionFailuresAndShutdownsAnywhereInTheChainAreOutages() {
        assertThat(TransientDatabaseFailure.causedBy(new RuntimeException("tx", new SQLException("refused", "08001")))).isTrue();
        assertThat(TransientDatabaseFailure.causedBy(new IllegalStateException(new RuntimeException(new SQLException("terminating", "57P01"))))).isTrue();
        assertThat(TransientDatabaseFailure.causedBy(new RuntimeException(new SQLTransientConnectionException("no connection")))).isTrue();
        assertThat(TransientDatabaseFailure.causedBy(new RuntimeException(new SQLException("Sorry, acquisition timeout!")))).isTrue();
    }

    @Test
    void conflictsWithAnotherInstanceAreWorthRetrying() {
        assertThat(TransientDatabaseFailure.causedBy(new RuntimeException(new SQLException("duplicate key", "23505")))).isTrue();
        assertThat(TransientDatabaseFailure.causedBy(new RuntimeException(new SQLException("deadlock detected", "40P01")))).isTrue();
        assertThat(TransientDatabaseFailure.causedBy(new RuntimeException(new SQLException("could not serialize", "40001")))).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(TransientDatabaseFailure.causedBy(new NullPointerException())).isFalse();
        assertThat(TransientDatabaseFailure.causedBy(new RuntimeException(new SQLException("not null violated", "23502")))).isFalse();
        assertThat(TransientDatabaseFailure.causedBy(new RuntimeException(new SQLException("syntax")))).isFalse();
    }
}
