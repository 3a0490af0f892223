package io.portwatch.probe.network;

import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Addresses;
import io.portwatch.events.listener.Evidence;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.Listener;
import io.portwatch.probe.config.ProbeConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.Inet6Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Runs a scan plan: a TCP connect sweep, UDP probes (the ARMS status query on ARMS ports, a one-byte
 * datagram elsewhere), then protocol evidence for the open TCP ports (HTTP and TLS on admin ports, a banner
 * read elsewhere), each within the evidence deadline and all within the scan's. Paced by one rate limiter
 * shared by every scan, so concurrent scans together keep to the configured rate; the caller checked the scope.
 */
@ApplicationScoped
public class NetworkScanner {

    /**
     * The Apple Remote Desktop status query: the ARD header {@code 00 14 00 01 03} padded to the 32
     * bytes of the request the seed page measures (answered with 1,034 bytes by an ARMS agent).
     */
    static final byte[] ARMS_STATUS_QUERY = armsStatusQuery();
    /** One zero byte for other UDP ports: Java cannot send an empty datagram, and a closed port answers any with ICMP. */
    private static final byte[] GENERIC_UDP_PAYLOAD = new byte[1];

    private final ProbeConfig.NetworkModeConfig config;
    private final Set<Integer> armsPorts;
    private final RateLimiter limiter;
    private final ScheduledExecutorService guards = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "evidence-deadline");
        thread.setDaemon(true);
        return thread;
    });
    private final ProtocolEvidence evidence;

    public NetworkScanner(ProbeConfig config) {
        this.config = config.networkMode();
        this.armsPorts = Set.copyOf(this.config.armsPorts());
        this.limiter = new RateLimiter(this.config.packetsPerSecond());
        this.evidence = new ProtocolEvidence(
                new PlainExchange(this.config.connectTimeout(), this.config.probeTimeout(), this.config.evidenceMaxBytes(), guards),
                new TlsHandshake(this.config.connectTimeout(), this.config.probeTimeout(), guards),
                Set.copyOf(this.config.httpPorts()), Set.copyOf(this.config.tlsPorts()));
    }

    /**
     * Scans; {@code progress} counts each finished probe.
     *
     * @throws ScanStoppedException when {@code deadline} passed first (nothing of the scan is returned)
     */
    List<ScanResult> scan(ScanPlan plan, Runnable progress, Deadline deadline) throws IOException, InterruptedException {
        int loops = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), config.maxInFlight()));
        List<Target> openTcp = new TcpConnectSweep(
                loop -> new PacedSelector(limiter, Math.max(1, config.maxInFlight() / loops), config.connectTimeout()), loops, true,
                limiter, config.connectTimeout(), guards)
                .sweep(plan.targets(Transport.TCP), progress, deadline);
        Duration udpTimeout = config.probeTimeout().compareTo(config.evidenceDeadline()) < 0 ? config.probeTimeout() : config.evidenceDeadline();
        List<UdpProbe.Outcome> udp = new UdpProbe(new PacedSelector(limiter, config.maxInFlight(), udpTimeout))
                .probe(plan.targets(Transport.UDP), target -> armsPorts.contains(target.port()) ? ARMS_STATUS_QUERY.clone() : GENERIC_UDP_PAYLOAD.clone(),
                        progress, deadline);

        Map<String, ScanResult> results = new LinkedHashMap<>();
        plan.addresses().forEach(address -> results.put(Addresses.canonical(address), new ScanResult(Addresses.canonical(address),
                new ArrayList<>(), new ArrayList<>())));
        for (Listener listener : tcpListeners(openTcp, plan.evidence(), deadline)) {
            results.get(listener.address()).listeners().add(listener);
        }
        for (UdpProbe.Outcome outcome : udp) {
            ScanResult result = results.get(Addresses.canonical(outcome.target().address()));
            switch (outcome.state()) {
                case OPEN -> result.listeners().add(listener(outcome.target(), udpEvidence(outcome)));
                case OPEN_FILTERED -> result.openFilteredUdp().add(outcome.target().port());
                case CLOSED -> { }
            }
        }
        results.values().forEach(result -> {
            result.listeners().sort(Comparator.comparing(Listener::transport).thenComparingInt(Listener::port));
            result.openFilteredUdp().sort(Comparator.naturalOrder());
        });
        return List.copyOf(results.values());
    }

    private List<Listener> tcpListeners(List<Target> open, boolean withEvidence, Deadline deadline) throws InterruptedException {
        if (!withEvidence) {
            return open.stream().map(target -> listener(target, null)).toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(16, config.maxInFlight())), runnable -> {
            Thread thread = new Thread(runnable, "protocol-probe");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Listener>> probed = new ArrayList<>();
            for (Target target : open) {
                limiter.acquire(deadline);
                probed.add(pool.submit(() -> listener(target, evidence.of(target, deadline.within(config.evidenceDeadline())))));
            }
            List<Listener> listeners = new ArrayList<>();
            for (Future<Listener> listener : probed) {
                listeners.add(listener.get());
            }
            stopAt(deadline);
            return listeners;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a protocol probe failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static void stopAt(Deadline deadline) {
        if (deadline.passed()) {
            throw new ScanStoppedException();
        }
    }

    @PreDestroy
    void stop() {
        guards.shutdownNow();
    }

    private Evidence udpEvidence(UdpProbe.Outcome outcome) {
        return new Evidence(armsPorts.contains(outcome.target().port()) ? "arms-status" : "udp-response", outcome.requestBytes(), outcome.responseBytes(), null, null,
                null, null, null);
    }

    private static Listener listener(Target target, Evidence evidence) {
        return new Listener(target.transport(), Addresses.canonical(target.address()), target.port(),
                target.address() instanceof Inet6Address ? 6 : 4, Exposure.REACHABLE, null, evidence);
    }

    private static byte[] armsStatusQuery() {
        byte[] query = new byte[32];
        query[1] = 0x14;
        query[3] = 0x01;
        query[4] = 0x03;
        return query;
    }
}
