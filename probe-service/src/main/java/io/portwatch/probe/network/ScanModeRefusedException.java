package io.portwatch.probe.network;

/**
 * A scan asked of a probe enrolled in host mode: alert-service would refuse what it found (a host-mode identity speaks
 * only for its node), so it is refused here with 409, and nothing is sent. Network scans need a network-mode probe.
 */
public class ScanModeRefusedException extends RuntimeException {

    public ScanModeRefusedException(String message) {
        super(message);
    }
}
