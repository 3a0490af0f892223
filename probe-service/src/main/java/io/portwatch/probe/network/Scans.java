package io.portwatch.probe.network;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.portwatch.probe.config.ProbeConfig;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * Takes scan requests, checks them against the scope allowlist before anything is sent, and runs them
 * one at a time in the background; keeps the last {@value #KEPT} scans for the API.
 */
@ApplicationScoped
public class Scans {

    static final int KEPT = 100;
    /** Probes (connects and datagrams) finished by network scans. */
    static final String PROBES_METRIC = "portwatch.probe.network.probes";

    private final ScopeAllowlist allowlist;
    private final NetworkScanner scanner;
    private final NetworkInventory inventory;
    private final MeterRegistry metrics;
    private final int maxProbes;
    private final Map<String, Scan> scans = new LinkedHashMap<>();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "network-scan");
        thread.setDaemon(true);
        return thread;
    });

    public Scans(ScopeAllowlist allowlist, NetworkScanner scanner, NetworkInventory inventory, MeterRegistry metrics,
            ProbeConfig config) {
        this.allowlist = allowlist;
        this.scanner = scanner;
        this.inventory = inventory;
        this.metrics = metrics;
        this.maxProbes = config.networkMode().maxProbes();
    }

    /**
     * Validates and queues a scan.
     *
     * @throws IllegalArgumentException when the request is malformed or too large
     * @throws ScopeRefusedException    when a target lies outside the allowed scopes (nothing is sent)
     */
    public ScanView submit(ScanRequest request, String requestedBy) {
        ScanPlan plan = ScanPlan.of(request, maxProbes);
        Optional<Cidr> outside = allowlist.firstOutside(plan.networks());
        if (outside.isPresent()) {
            metrics.counter("portwatch.probe.scans", "outcome", "refused").increment();
            Log.warnf("Refused a scan of %s by %s: outside the allowed scopes %s; nothing was sent", outside.get(), requestedBy,
                    allowlist.scopes());
            throw new ScopeRefusedException(outside.get() + " is outside the allowed scopes "
                    + allowlist.scopes().stream().map(Cidr::toString).collect(Collectors.joining(", ")));
        }
        Scan scan = new Scan(UUID.randomUUID().toString(), plan, requestedBy);
        synchronized (scans) {
            scans.put(scan.id, scan);
            if (scans.size() > KEPT) {
                scans.remove(scans.keySet().iterator().next());
            }
        }
        runner.execute(() -> run(scan));
        Log.infof("Scan %s queued by %s: %s, %d probes", scan.id, requestedBy, plan.networks(), plan.size());
        return scan.view(true);
    }

    /** A scan by id. */
    public ScanView get(String id) {
        synchronized (scans) {
            Scan scan = scans.get(id);
            if (scan == null) {
                throw new ScanNotFoundException(id);
            }
            return scan.view(true);
        }
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

    private void run(Scan scan) {
        scan.startedAt = Instant.now();
        scan.state = Scan.State.RUNNING;
        try {
            Counter probes = metrics.counter(PROBES_METRIC);
            scan.results = scanner.scan(scan.plan, () -> {
                scan.probed.incrementAndGet();
                probes.increment();
            });
            inventory.apply(scan.plan, scan.results);
            scan.state = Scan.State.DONE;
            metrics.counter("portwatch.probe.scans", "outcome", "done").increment();
            Log.infof("Scan %s done in %d ms: %d probes, %d open", scan.id, Duration.between(scan.startedAt, Instant.now()).toMillis(),
                    scan.probed.get(), scan.results.stream().mapToInt(result -> result.listeners().size()).sum());
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            scan.error = e.getClass().getSimpleName() + ": " + e.getMessage();
            scan.state = Scan.State.FAILED;
            metrics.counter("portwatch.probe.scans", "outcome", "failed").increment();
            Log.errorf("Scan %s failed: %s", scan.id, scan.error);
        } finally {
            scan.finishedAt = Instant.now();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        runner.shutdownNow();
    }
}
