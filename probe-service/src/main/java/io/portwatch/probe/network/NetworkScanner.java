package io.portwatch.probe.network;

import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Evidence;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.Listener;
import io.portwatch.probe.config.ProbeConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
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

/**
 * Runs a scan plan: a TCP connect sweep, UDP probes (the ARMS status query on ARMS ports, a one-byte
 * datagram elsewhere), then protocol evidence for the open TCP ports (HTTP on admin ports, a banner
 * read elsewhere). Paced and bounded by the network-mode settings; the caller checked the scope.
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
    private final Set<Integer> httpPorts;

    public NetworkScanner(ProbeConfig config) {
        this.config = config.networkMode();
        this.armsPorts = Set.copyOf(this.config.armsPorts());
        this.httpPorts = Set.copyOf(this.config.httpPorts());
    }

    /** Scans; {@code progress} counts each finished probe. */
    public List<ScanResult> scan(ScanPlan plan, Runnable progress) throws IOException, InterruptedException {
        RateLimiter limiter = new RateLimiter(config.packetsPerSecond());
        int loops = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), config.maxInFlight()));
        List<Target> openTcp = new TcpConnectSweep(
                loop -> new PacedSelector(limiter, Math.max(1, config.maxInFlight() / loops), config.connectTimeout()), loops)
                .sweep(plan.targets(Transport.TCP), progress);
        List<UdpProbe.Outcome> udp = new UdpProbe(new PacedSelector(limiter, config.maxInFlight(), config.probeTimeout()))
                .probe(plan.targets(Transport.UDP), target -> armsPorts.contains(target.port()) ? ARMS_STATUS_QUERY.clone() : GENERIC_UDP_PAYLOAD.clone(),
                        progress);

        Map<InetAddress, ScanResult> results = new LinkedHashMap<>();
        plan.addresses().forEach(address -> results.put(address, new ScanResult(address.getHostAddress(), new ArrayList<>(), new ArrayList<>())));
        for (Listener listener : tcpListeners(openTcp, plan.evidence(), limiter)) {
            results.get(InetAddress.getByName(listener.address())).listeners().add(listener);
        }
        for (UdpProbe.Outcome outcome : udp) {
            ScanResult result = results.get(outcome.target().address());
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

    private List<Listener> tcpListeners(List<Target> open, boolean evidence, RateLimiter limiter) throws InterruptedException {
        if (!evidence) {
            return open.stream().map(target -> listener(target, null)).toList();
        }
        ProtocolEvidence probes = new ProtocolEvidence(config.probeTimeout());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(16, config.maxInFlight())), runnable -> {
            Thread thread = new Thread(runnable, "protocol-probe");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Listener>> probed = new ArrayList<>();
            for (Target target : open) {
                limiter.acquire();
                probed.add(pool.submit(() -> listener(target, httpPorts.contains(target.port()) ? probes.http(target) : probes.banner(target))));
            }
            List<Listener> listeners = new ArrayList<>();
            for (Future<Listener> listener : probed) {
                listeners.add(listener.get());
            }
            return listeners;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a protocol probe failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private Evidence udpEvidence(UdpProbe.Outcome outcome) {
        return new Evidence(armsPorts.contains(outcome.target().port()) ? "arms-status" : "udp-response", outcome.requestBytes(), outcome.responseBytes(), null, null,
                null, null, null);
    }

    private static Listener listener(Target target, Evidence evidence) {
        return new Listener(target.transport(), target.address().getHostAddress(), target.port(),
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
