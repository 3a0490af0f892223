package io.portwatch.probe.host;

import io.portwatch.probe.config.ProbeConfig;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.inject.Singleton;

/** Skips host scans when host mode is turned off (a network-only probe). */
@Singleton
public class HostModeDisabled implements Scheduled.SkipPredicate {

    private final boolean enabled;

    public HostModeDisabled(ProbeConfig config) {
        this.enabled = config.hostMode().enabled();
    }

    @Override
    public boolean test(ScheduledExecution execution) {
        return !enabled;
    }
}
