package io.portwatch.probe.fleet;

import io.portwatch.probe.config.NotStartedYet;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.inject.Singleton;

/**
 * Skips scheduled work until the application has started and the probe knows its fleet identity, so that nothing
 * is observed, and so nothing written, before it can be signed ({@link Enrolment}).
 */
@Singleton
public class NotEnrolledYet implements Scheduled.SkipPredicate {

    private final NotStartedYet notStartedYet;
    private final FleetIdentity fleet;

    public NotEnrolledYet(NotStartedYet notStartedYet, FleetIdentity fleet) {
        this.notStartedYet = notStartedYet;
        this.fleet = fleet;
    }

    @Override
    public boolean test(ScheduledExecution execution) {
        return notStartedYet.test(execution) || !fleet.ready();
    }
}
