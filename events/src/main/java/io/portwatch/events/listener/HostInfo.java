package io.portwatch.events.listener;

import java.util.List;

/**
 * The host whose listeners an event describes.
 *
 * @param id        stable host id, the key of the listeners topic
 * @param name      host name
 * @param addresses the host's addresses
 * @param node      for a container, pod or other network namespace that a node's probe reports as a host of
 *                  its own: the node's host id; null for a node
 */
public record HostInfo(String id, String name, List<String> addresses, String node) {

    public HostInfo {
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
    }

    /** A node (or any host that is not a namespace of another). */
    public HostInfo(String id, String name, List<String> addresses) {
        this(id, name, addresses, null);
    }
}
