package io.portwatch.probe.network;

import io.portwatch.probe.config.ProbeConfig;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Runs the configured scan ({@code portwatch.probe.network-mode.schedule.*}) on its schedule, when targets are
 * set, in a lane of its own: requested scans, stuck or not, never delay it; a run is skipped only while the
 * previous scheduled scan is still running.
 */
@ApplicationScoped
public class ScheduledScan {

    private final Scans scans;
    private final ProbeConfig.ScheduleConfig schedule;

    public ScheduledScan(Scans scans, ProbeConfig config) {
        this.scans = scans;
        this.schedule = config.networkMode().schedule();
    }

    @Scheduled(identity = "network-scan", every = "${portwatch.probe.network-mode.schedule.every:5m}", delayed = "5s",
            skipExecutionIf = NoScheduledTargets.class, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            scans.submitScheduled(new ScanRequest(schedule.targets().orElse(List.of()), schedule.ports(), schedule.transports(), true));
        } catch (RuntimeException e) {
            Log.errorf("Scheduled scan not run: %s", e.getMessage());
        }
    }
}
