package io.portwatch.probe.config;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Skips scheduled work until the application has started: the scheduler may fire before messaging has wired
 * its channels (it does that on start-up too, earlier than this default-priority observer), and an event
 * published then would be lost.
 */
@Singleton
public class NotStartedYet implements Scheduled.SkipPredicate {

    private volatile boolean started;

    void onStart(@Observes StartupEvent event) {
        started = true;
    }

    @Override
    public boolean test(ScheduledExecution execution) {
        return !started;
    }
}
