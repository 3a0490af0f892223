package io.portwatch.alert.startup;

import io.portwatch.alert.database.SchemaJobs;
import io.portwatch.alert.knowledge.KnowledgeCaughtUp;
import io.portwatch.alert.listeners.ListenerPoller;
import io.portwatch.alert.outbox.OutboxSweeper;
import io.portwatch.alert.suppression.SuppressionPolicies;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.flywaydb.core.Flyway;

import java.time.Duration;
import java.time.Instant;

/**
 * Starts correlation once it can be right: migrates the schema in the background (retrying with a
 * one-line message while PostgreSQL is unreachable; the scheduled database jobs wait for it, {@link SchemaJobs}), sends
 * what a previous run left in the alert outbox, and starts the listener consumer ({@link ListenerPoller}) when both the schema and the
 * knowledge view are ready.
 */
@Readiness
@ApplicationScoped
public class AlertStartup implements HealthCheck {

    private static final Duration RETRY_DELAY = Duration.ofSeconds(3);

    private final Flyway flyway;
    private final SchemaJobs schemaJobs;
    private final SuppressionPolicies suppressions;
    private final OutboxSweeper sweeper;
    private final ListenerPoller listeners;
    private final ManagedExecutor executor;
    private volatile String schemaState = "not migrated yet";
    private volatile boolean stopping;
    private boolean schemaReady;
    private boolean knowledgeReady;

    public AlertStartup(Flyway flyway, SchemaJobs schemaJobs, SuppressionPolicies suppressions, OutboxSweeper sweeper,
            ListenerPoller listeners, ManagedExecutor executor) {
        this.flyway = flyway;
        this.schemaJobs = schemaJobs;
        this.suppressions = suppressions;
        this.sweeper = sweeper;
        this.listeners = listeners;
        this.executor = executor;
    }

    void onStart(@Observes StartupEvent event) {
        executor.runAsync(this::migrateUntilDone);
    }

    /** Stops taking batches before the database closes, so none is cut off mid-way at shutdown. */
    void onStop(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        stopping = true;
        listeners.stop();
    }

    void onKnowledgeCaughtUp(@Observes KnowledgeCaughtUp event) {
        synchronized (this) {
            knowledgeReady = true;
        }
        resumeWhenReady();
    }

    private void migrateUntilDone() {
        while (!stopping && !Thread.currentThread().isInterrupted()) {
            try {
                flyway.migrate();
                schemaJobs.migrated();
                suppressions.reload();
                sweeper.sweep(Instant.now());
                schemaState = "migrated";
                synchronized (this) {
                    schemaReady = true;
                }
                resumeWhenReady();
                return;
            } catch (RuntimeException e) {
                schemaState = "waiting for PostgreSQL: " + rootMessage(e);
                Log.errorf("Database schema not migrated, retrying in %d s: %s", RETRY_DELAY.toSeconds(), rootMessage(e));
                sleep();
            }
        }
    }

    private synchronized void resumeWhenReady() {
        if (schemaReady && knowledgeReady) {
            listeners.start();
            Log.info("Correlation started: consuming listener events");
        }
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("alert-schema").status(schemaReady).withData("state", schemaState).build();
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static void sleep() {
        try {
            Thread.sleep(RETRY_DELAY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
