package io.portwatch.probe.network;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.portwatch.events.listener.ProbeMode;
import io.portwatch.probe.config.ProbeConfig;
import io.portwatch.probe.fleet.FleetIdentity;
import io.portwatch.probe.liveness.ScanActivity;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Takes scan requests, checks them against the scope allowlist before anything is sent, and runs them in
 * the background, each within the scan deadline: requested scans up to {@code max-concurrent-scans} at once
 * with at most {@code max-queued-scans} waiting (more are refused as busy), the scheduled scan in a lane of
 * its own so that no stuck request delays it. Keeps the last {@value #KEPT} scans for the API; any of them
 * that has not finished can be cancelled.
 */
@ApplicationScoped
public class Scans {

    static final int KEPT = 100;
    /** Probes (connects and datagrams) finished by network scans. */
    static final String PROBES_METRIC = "portwatch.probe.network.probes";
    /** Scans by outcome: done, failed, stopped (deadline), cancelled, refused (scope), busy (queue full), skipped (schedule). */
    static final String SCANS_METRIC = "portwatch.probe.scans";
    static final String SCHEDULE = "schedule";

    private final ScopeAllowlist allowlist;
    private final NetworkScanner scanner;
    private final NetworkInventory inventory;
    private final MeterRegistry metrics;
    private final FleetIdentity fleet;
    private final ScanActivity activity;
    private final ProbeConfig.NetworkModeConfig config;
    private final Map<String, Scan> scans = new LinkedHashMap<>();
    private final ThreadPoolExecutor requested;
    private final ThreadPoolExecutor scheduled;

    public Scans(ScopeAllowlist allowlist, NetworkScanner scanner, NetworkInventory inventory, MeterRegistry metrics,
            FleetIdentity fleet, ScanActivity activity, ProbeConfig config) {
        this.activity = activity;
        this.fleet = fleet;
        this.allowlist = allowlist;
        this.scanner = scanner;
        this.inventory = inventory;
        this.metrics = metrics;
        this.config = config.networkMode();
        int queued = this.config.maxQueuedScans();
        this.requested = lane("network-scan", Math.max(1, this.config.maxConcurrentScans()),
                queued > 0 ? new ArrayBlockingQueue<>(queued) : new SynchronousQueue<>());
        this.scheduled = lane("scheduled-scan", 1, new SynchronousQueue<>());
    }

    /**
     * Validates and queues a requested scan.
     *
     * @throws IllegalArgumentException when the request is malformed or too large
     * @throws ScopeRefusedException    when a target lies outside the allowed scopes (nothing is sent)
     * @throws ScansBusyException       when the queue is full (nothing is sent)
     * @throws ScansUnavailableException when the probe is not enrolled yet (nothing is sent)
     * @throws ScanModeRefusedException  when the probe is enrolled in host mode (nothing is sent)
     */
    public ScanView submit(ScanRequest request, String requestedBy) {
        Scan scan = plan(request, requestedBy);
        if (!queue(scan, requested)) {
            metrics.counter(SCANS_METRIC, "outcome", "busy").increment();
            Log.warnf("Refused a scan by %s: %d scans running and %d queued, the most allowed", requestedBy,
                    requested.getActiveCount(), requested.getQueue().size());
            throw new ScansBusyException(config.maxConcurrentScans() + " scans are running and " + config.maxQueuedScans()
                    + " are queued, the most this probe takes; ask again later", config.busyRetryAfter());
        }
        return scan.view(true);
    }

    /**
     * Starts the scheduled scan in its own lane, unless the previous scheduled scan is still running.
     *
     * @return the scan, or empty when it was skipped
     */
    public Optional<ScanView> submitScheduled(ScanRequest request) {
        Scan scan = plan(request, SCHEDULE);
        if (!queue(scan, scheduled)) {
            metrics.counter(SCANS_METRIC, "outcome", "skipped").increment();
            Log.warnf("Scheduled scan skipped: the previous scheduled scan is still running");
            return Optional.empty();
        }
        return Optional.of(scan.view(true));
    }

    /** A scan by id. */
    public ScanView get(String id) {
        return find(id).view(true);
    }

    /**
     * Cancels a queued or running scan: a queued one never runs, a running one stops and its partial results
     * are not applied. Cancelling a cancelled scan changes nothing.
     *
     * @throws ScanNotFoundException  when no scan has that id
     * @throws ScanFinishedException when it has already finished
     */
    public ScanView cancel(String id, String cancelledBy) {
        Scan scan = find(id);
        Scan.State before = scan.state();
        if (!scan.cancel()) {
            throw new ScanFinishedException("scan " + id + " has already finished (" + scan.state() + "); there is nothing to cancel");
        }
        if (before != Scan.State.CANCELLED) {
            requested.purge();
            metrics.counter(SCANS_METRIC, "outcome", "cancelled").increment();
            Log.infof("Scan %s cancelled by %s while %s", id, cancelledBy, before);
        }
        return scan.view(true);
    }

    /** The kept scans, newest first, without their results. */
    public List<ScanView> list() {
        List<Scan> kept;
        synchronized (scans) {
            kept = new ArrayList<>(scans.values());
        }
        Collections.reverse(kept);
        return kept.stream().map(scan -> scan.view(false)).toList();
    }

    private Scan plan(ScanRequest request, String requestedBy) {
        if (!fleet.ready()) {
            throw new ScansUnavailableException("this probe is not enrolled yet, so nothing it found could be signed",
                    config.busyRetryAfter());
        }
        if (fleet.enrolledAs(ProbeMode.HOST)) {
            throw new ScanModeRefusedException("this probe is enrolled in host mode and speaks only for its node; "
                    + "network scans need a probe with host mode off");
        }
        ScanPlan plan = ScanPlan.of(request, config.maxProbes());
        Optional<Cidr> outside = allowlist.firstOutside(plan.networks());
        if (outside.isPresent()) {
            metrics.counter(SCANS_METRIC, "outcome", "refused").increment();
            Log.warnf("Refused a scan of %s by %s: outside the allowed scopes %s; nothing was sent", outside.get(), requestedBy,
                    allowlist.scopes());
            throw new ScopeRefusedException(outside.get() + " is outside the allowed scopes "
                    + allowlist.scopes().stream().map(Cidr::toString).collect(Collectors.joining(", ")));
        }
        return new Scan(UUID.randomUUID().toString(), plan, requestedBy);
    }

    /** Hands the scan to a lane; false (and the scan forgotten) when the lane takes no more. */
    private boolean queue(Scan scan, ThreadPoolExecutor lane) {
        FutureTask<Void> work = new FutureTask<>(() -> run(scan), null);
        scan.runsAs(work);
        synchronized (scans) {
            try {
                lane.execute(work);
            } catch (RejectedExecutionException full) {
                return false;
            }
            scans.put(scan.id, scan);
            if (scans.size() > KEPT) {
                scans.remove(scans.keySet().iterator().next());
            }
        }
        Log.infof("Scan %s queued by %s: %s, %d probes", scan.id, scan.requestedBy, scan.plan.networks(), scan.plan.size());
        return true;
    }

    private Scan find(String id) {
        synchronized (scans) {
            Scan scan = scans.get(id);
            if (scan == null) {
                throw new ScanNotFoundException(id);
            }
            return scan;
        }
    }

    private void run(Scan scan) {
        if (!scan.start()) {
            return;
        }
        Deadline deadline = Deadline.after(config.scanDeadline(), scan::cancelled);
        try {
            Counter probes = metrics.counter(PROBES_METRIC);
            List<ScanResult> results = scanner.scan(scan.plan, () -> {
                scan.probed.incrementAndGet();
                probes.increment();
            }, deadline);
            if (scan.done(results, () -> inventory.apply(scan.plan, results))) {
                activity.finished(Duration.between(scan.startedAt(), Instant.now()));
                metrics.counter(SCANS_METRIC, "outcome", "done").increment();
                Log.infof("Scan %s done in %d ms: %d probes, %d open", scan.id, millisSince(scan.startedAt()), scan.probed.get(),
                        results.stream().mapToInt(result -> result.listeners().size()).sum());
            }
        } catch (ScanStoppedException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (scan.failed("stopped at the scan deadline of " + config.scanDeadline() + " after " + scan.probed.get() + " of "
                    + scan.plan.size() + " probes; its partial results were not applied")) {
                metrics.counter(SCANS_METRIC, "outcome", "stopped").increment();
                Log.warnf("Scan %s stopped at its deadline of %s after %d of %d probes", scan.id, config.scanDeadline(), scan.probed.get(),
                        scan.plan.size());
            }
        } catch (Exception e) {
            if (scan.failed(e.getClass().getSimpleName() + ": " + e.getMessage())) {
                metrics.counter(SCANS_METRIC, "outcome", "failed").increment();
                Log.errorf("Scan %s failed: %s", scan.id, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }

    private static long millisSince(Instant start) {
        return Duration.between(start, Instant.now()).toMillis();
    }

    private static ThreadPoolExecutor lane(String name, int threads, BlockingQueue<Runnable> queue) {
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, queue, runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        requested.shutdownNow();
        scheduled.shutdownNow();
    }
}
