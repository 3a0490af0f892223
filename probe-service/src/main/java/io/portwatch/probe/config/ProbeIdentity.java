package io.portwatch.probe.config;

import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.ProbeMode;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Who this probe is configured to be and which host it observes, from configuration with the machine's own as
 * defaults: the node it enrols as (the host id), its mode (HOST when host mode is on, else NETWORK), its zone, and
 * in network mode the scopes it scans.
 */
@ApplicationScoped
public class ProbeIdentity {

    private final HostInfo host;
    private final String configuredId;
    private final String zone;
    private final ProbeMode mode;
    private final List<String> scopes;

    public ProbeIdentity(ProbeConfig config) {
        String machineName = machineName();
        this.host = new HostInfo(config.host().id().orElse(machineName), config.host().name().orElse(machineName),
                config.host().addresses().orElse(List.of()));
        this.configuredId = config.id().orElse("probe-" + machineName);
        this.zone = config.zone();
        this.mode = config.hostMode().enabled() ? ProbeMode.HOST : ProbeMode.NETWORK;
        this.scopes = mode == ProbeMode.NETWORK ? config.networkMode().allowedScopes() : List.of();
    }

    /** The observed host (in network mode, the scanner itself). */
    public HostInfo host() {
        return host;
    }

    /** The probe id configured ({@code portwatch.probe.id}), used on events while the probe is not enrolled. */
    public String configuredId() {
        return configuredId;
    }

    /** The node this probe enrols as: its host id. */
    public String node() {
        return host.id();
    }

    /** The zone it sees from. */
    public String zone() {
        return zone;
    }

    /** HOST when it reads its host's sockets, else NETWORK. */
    public ProbeMode mode() {
        return mode;
    }

    /** Network mode: the CIDRs it may scan, as configured; empty in host mode. */
    public List<String> scopes() {
        return scopes;
    }

    private static String machineName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
    }
}
