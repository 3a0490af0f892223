package io.portwatch.probe.host;

import io.portwatch.probe.config.ProbeConfig;
import io.portwatch.probe.fleet.NotEnrolledYet;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.inject.Singleton;

/** Skips host scans when host mode is turned off (a network-only probe), and until the application has started and the probe knows its fleet identity. */
@Singleton
public class HostScanSkipped implements Scheduled.SkipPredicate {

    private final boolean enabled;
    private final NotEnrolledYet notEnrolledYet;

    public HostScanSkipped(ProbeConfig config, NotEnrolledYet notEnrolledYet) {
        this.enabled = config.hostMode().enabled();
        this.notEnrolledYet = notEnrolledYet;
    }

    @Override
    public boolean test(ScheduledExecution execution) {
        return !enabled || notEnrolledYet.test(execution);
    }
}
