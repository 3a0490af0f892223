package io.portwatch.events.listener;

import io.portwatch.events.knowledge.Transport;

import java.time.Instant;
import java.util.List;

/**
 * A change in (OPENED, CLOSED) or the whole of (SNAPSHOT) a host's listeners, as one probe saw it.
 * The value of {@code portwatch.listeners}, keyed by {@code host.id}.
 *
 * @param eventId    unique id, also the CloudEvents id
 * @param type       OPENED and CLOSED carry one listener; SNAPSHOT the complete current set
 * @param observedAt when the probe observed it
 * @param probe      who observed it
 * @param host       whose listeners these are
 * @param listeners  the listeners
 * @param scope      SNAPSHOT only: the ports it is complete for (a network probe's scan); null when it is complete
 *                   for every port (host mode), and always null for OPENED and CLOSED
 */
public record ListenerEvent(
        String eventId,
        ListenerEventType type,
        Instant observedAt,
        ProbeInfo probe,
        HostInfo host,
        List<Listener> listeners,
        SnapshotScope scope) {

    /** @throws IllegalArgumentException naming what the contract requires and this event lacks */
    public ListenerEvent {
        if (type == null || observedAt == null || probe == null || host == null) {
            throw new IllegalArgumentException("a listener event needs type, observedAt, probe and host");
        }
        if (host.id() == null || host.id().isBlank()) {
            throw new IllegalArgumentException("a listener event's host needs an id");
        }
        listeners = listeners == null ? List.of() : List.copyOf(listeners);
        if (type != ListenerEventType.SNAPSHOT && listeners.isEmpty()) {
            throw new IllegalArgumentException(type + " needs the listener it is about");
        }
        if (scope != null && type != ListenerEventType.SNAPSHOT) {
            throw new IllegalArgumentException("only a SNAPSHOT has a scope");
        }
    }

    /** An event complete for every port (OPENED, CLOSED, or a host's whole SNAPSHOT). */
    public ListenerEvent(String eventId, ListenerEventType type, Instant observedAt, ProbeInfo probe, HostInfo host,
            List<Listener> listeners) {
        this(eventId, type, observedAt, probe, host, listeners, null);
    }

    /** Whether this event speaks for the port: any event without a scope does, a scoped SNAPSHOT for its ports. */
    public boolean covers(Transport transport, int port) {
        return scope == null || scope.covers(transport, port);
    }
}
