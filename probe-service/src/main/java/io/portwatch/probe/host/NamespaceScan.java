package io.portwatch.probe.host;

import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.Listener;

import java.util.List;

/**
 * The listeners of one network namespace, as one scan read them.
 *
 * @param host      whose they are: the node for its own namespace, else the container, pod or namespace
 * @param listeners the listeners
 */
public record NamespaceScan(HostInfo host, List<Listener> listeners) {

    public NamespaceScan {
        listeners = List.copyOf(listeners);
    }
}
