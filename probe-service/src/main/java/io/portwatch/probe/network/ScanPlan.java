package io.portwatch.probe.network;

import io.portwatch.events.knowledge.Transport;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A validated scan: the target networks, ports and transports, and the targets they make.
 *
 * @param networks   the target networks
 * @param ports      the ports, ascending
 * @param transports the transports
 * @param evidence   whether open ports get protocol probes
 */
public record ScanPlan(List<Cidr> networks, int[] ports, Set<Transport> transports, boolean evidence) {

    /**
     * Validates a request: targets and ports must parse, transports be tcp or udp, and the scan stay
     * within {@code maxProbes}. (Scope is checked by the caller, against the allowlist.)
     */
    public static ScanPlan of(ScanRequest request, int maxProbes) {
        if (request == null || request.targets() == null || request.targets().isEmpty()) {
            throw new IllegalArgumentException("targets: give at least one address or CIDR");
        }
        List<Cidr> networks = request.targets().stream().map(Cidr::parse).toList();
        int[] ports = PortSpec.parse(request.ports());
        Set<Transport> transports = EnumSet.noneOf(Transport.class);
        for (String name : request.transports() == null || request.transports().isEmpty() ? List.of("tcp", "udp") : request.transports()) {
            Transport transport = Transport.parse(name);
            if (transport != Transport.TCP && transport != Transport.UDP) {
                throw new IllegalArgumentException("transports: tcp or udp, not " + name);
            }
            transports.add(transport);
        }
        BigInteger addresses = networks.stream().map(Cidr::size).reduce(BigInteger.ZERO, BigInteger::add);
        BigInteger probes = addresses.multiply(BigInteger.valueOf((long) ports.length * transports.size()));
        if (probes.compareTo(BigInteger.valueOf(maxProbes)) > 0) {
            throw new IllegalArgumentException("the scan has " + probes + " probes (addresses x ports x transports); at most "
                    + maxProbes + " are allowed");
        }
        return new ScanPlan(networks, ports, Set.copyOf(transports), request.evidence() == null || request.evidence());
    }

    /** Every distinct target address, in order. */
    public List<InetAddress> addresses() {
        Set<InetAddress> addresses = new LinkedHashSet<>();
        networks.forEach(network -> addresses.addAll(network.addresses()));
        return List.copyOf(addresses);
    }

    /** Every address × port of one transport. */
    List<Target> targets(Transport transport) {
        List<Target> targets = new ArrayList<>();
        if (transports.contains(transport)) {
            for (InetAddress address : addresses()) {
                for (int port : ports) {
                    targets.add(new Target(address, transport, port));
                }
            }
        }
        return targets;
    }

    /** How many probes the scan sends. */
    public long size() {
        return (long) addresses().size() * ports.length * transports.size();
    }
}
