package io.portwatch.events.listener;

/** How a probe observed a listener. */
public enum ProbeMode {
    /** From inside the host, reading its sockets and processes. */
    HOST,
    /** From the network, by connecting to it. */
    NETWORK
}
