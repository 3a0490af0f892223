package io.portwatch.alert.database;

import io.quarkus.runtime.ShutdownEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The scheduled database jobs run only between the schema's migration and the start of shutdown. */
class SchemaJobsTest {

    private final SchemaJobs jobs = new SchemaJobs();

    @Test
    void jobsAreSkippedUntilTheSchemaIsMigrated() {
        assertThat(jobs.test(null)).as("before the migration").isTrue();

        jobs.migrated();

        assertThat(jobs.test(null)).as("once migrated").isFalse();
    }

    @Test
    void jobsAreSkippedOnceShutdownBegins() {
        jobs.migrated();

        jobs.onStop(new ShutdownEvent());

        assertThat(jobs.test(null)).isTrue();
    }
}
