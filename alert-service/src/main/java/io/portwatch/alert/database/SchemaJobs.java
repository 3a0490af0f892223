package io.portwatch.alert.database;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

/**
 * Skips the scheduled jobs that read or write the database while its schema is not there: before the schema is
 * migrated (at a first start the tables do not exist yet, and each job would log "relation ... does not exist") and
 * from the start of shutdown on (the persistence unit closes). Jobs name it in
 * {@code @Scheduled(skipExecutionIf = SchemaJobs.class)}; {@code startup.AlertStartup} says when the schema is migrated.
 */
@Singleton
public class SchemaJobs implements Scheduled.SkipPredicate {

    private volatile boolean migrated;
    private volatile boolean stopping;

    /** The schema is migrated: the jobs run from now on, until shutdown. */
    public void migrated() {
        migrated = true;
    }

    void onStop(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        stopping = true;
    }

    /** Whether a job's execution is skipped: true before the schema is migrated and once shutdown began. */
    @Override
    public boolean test(ScheduledExecution execution) {
        return !migrated || stopping;
    }
}
