package io.portwatch.probe.network;

import io.portwatch.probe.config.ProbeConfig;
import io.portwatch.probe.fleet.NotEnrolledYet;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.inject.Singleton;

import java.util.List;

/** Skips the scheduled scan while no targets are configured, and until the probe knows its fleet identity. */
@Singleton
public class NoScheduledTargets implements Scheduled.SkipPredicate {

    private final boolean none;
    private final NotEnrolledYet notEnrolledYet;

    public NoScheduledTargets(ProbeConfig config, NotEnrolledYet notEnrolledYet) {
        this.none = config.networkMode().schedule().targets().map(List::isEmpty).orElse(true);
        this.notEnrolledYet = notEnrolledYet;
    }

    @Override
    public boolean test(ScheduledExecution execution) {
        return none || notEnrolledYet.test(execution);
    }
}
