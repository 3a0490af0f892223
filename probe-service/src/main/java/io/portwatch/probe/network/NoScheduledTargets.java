package io.portwatch.probe.network;

import io.portwatch.probe.config.ProbeConfig;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.inject.Singleton;

import java.util.List;

/** Skips the scheduled scan while no targets are configured. */
@Singleton
public class NoScheduledTargets implements Scheduled.SkipPredicate {

    private final boolean none;

    public NoScheduledTargets(ProbeConfig config) {
        this.none = config.networkMode().schedule().targets().map(List::isEmpty).orElse(true);
    }

    @Override
    public boolean test(ScheduledExecution execution) {
        return none;
    }
}
