package io.portwatch.probe.config;

import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.ProbeInfo;
import io.portwatch.events.listener.ProbeMode;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.List;

/** Who this probe is and which host it observes, from configuration with the machine's own as defaults. */
@ApplicationScoped
public class ProbeIdentity {

    private final HostInfo host;
    private final ProbeInfo hostModeProbe;
    private final ProbeInfo networkModeProbe;

    public ProbeIdentity(ProbeConfig config) {
        String machineName = machineName();
        this.host = new HostInfo(config.host().id().orElse(machineName), config.host().name().orElse(machineName),
                config.host().addresses().orElseGet(ProbeIdentity::machineAddresses));
        String probeId = config.id().orElse("probe-" + machineName);
        this.hostModeProbe = new ProbeInfo(probeId, config.zone(), ProbeMode.HOST);
        this.networkModeProbe = new ProbeInfo(probeId, config.zone(), ProbeMode.NETWORK);
    }

    /** The observed host. */
    public HostInfo host() {
        return host;
    }

    /** This probe, observing in host mode. */
    public ProbeInfo hostModeProbe() {
        return hostModeProbe;
    }

    /** This probe, scanning from the network. */
    public ProbeInfo networkModeProbe() {
        return networkModeProbe;
    }

    private static String machineName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
    }

    private static List<String> machineAddresses() {
        try {
            return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress())
                    .map(InetAddress::getHostAddress)
                    .sorted()
                    .toList();
        } catch (SocketException e) {
            return List.of();
        }
    }
}
