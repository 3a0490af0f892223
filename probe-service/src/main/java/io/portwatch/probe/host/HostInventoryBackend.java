package io.portwatch.probe.host;

/**
 * Where host mode's listeners come from: the one thing that differs between platforms. {@link HostScanner} reads Linux's
 * proc filesystem, {@link LsofScanner} reads {@code lsof}'s field output (macOS); {@link HostBackends} picks one by OS or
 * by {@code portwatch.probe.host-mode.backend}. Everything after the scan (deltas, SNAPSHOTs, signing) is the same.
 */
public interface HostInventoryBackend {

    /** The name events carry as {@code probe.backend}. */
    String name();

    /**
     * Every host's listeners now, the node's first.
     *
     * @throws HostInventoryUnavailable when the node's sockets cannot be read at all (the tool is missing or failed): the
     *                                  scan publishes nothing rather than an empty list
     */
    InventoryScan scan();
}
