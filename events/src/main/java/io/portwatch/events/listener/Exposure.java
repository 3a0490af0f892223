package io.portwatch.events.listener;

/** Who can reach a listener. */
public enum Exposure {
    /** Host mode: bound to a loopback address, reachable from the host only. */
    LOOPBACK,
    /** Host mode: bound to the wildcard address, reachable on every interface. */
    ALL_INTERFACES,
    /** Host mode: bound to one non-loopback address. */
    SPECIFIC,
    /** Network mode: the probe reached it from its zone. */
    REACHABLE
}
