package io.portwatch.probe.host;

/** The backend cannot read the node's sockets at all (lsof missing, failing or too slow); the message says why and what to do. */
public class HostInventoryUnavailable extends RuntimeException {

    public HostInventoryUnavailable(String message) {
        super(message);
    }
}
