package io.portwatch.events.listener;

import java.util.List;

/**
 * The host whose listeners an event describes.
 *
 * @param id        stable host id, the key of the listeners topic
 * @param name      host name
 * @param addresses the host's addresses
 */
public record HostInfo(String id, String name, List<String> addresses) {

    public HostInfo {
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
    }
}
