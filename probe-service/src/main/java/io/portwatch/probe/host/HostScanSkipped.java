package io.portwatch.probe.host;

import io.portwatch.probe.config.NotStartedYet;
import io.portwatch.probe.config.ProbeConfig;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.inject.Singleton;

/** Skips host scans when host mode is turned off (a network-only probe), and until the application has started. */
@Singleton
public class HostScanSkipped implements Scheduled.SkipPredicate {

    private final boolean enabled;
    private final NotStartedYet notStartedYet;

    public HostScanSkipped(ProbeConfig config, NotStartedYet notStartedYet) {
        this.enabled = config.hostMode().enabled();
        this.notStartedYet = notStartedYet;
    }

    @Override
    public boolean test(ScheduledExecution execution) {
        return !enabled || notStartedYet.test(execution);
    }
}
