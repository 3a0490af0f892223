package io.portwatch.alert.memo;

import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.listener.ListenerEvent;
import io.portwatch.events.listener.ListenerEventType;
import io.portwatch.events.listener.SnapshotScope;

/**
 * Which of its host's listeners an event replaces: none (OPENED, CLOSED), all of them (a SNAPSHOT without a
 * scope), or those on the ports its scope covers (a network probe's scoped SNAPSHOT). A listener or finding on a
 * port it replaces but does not carry is gone; one on any other port stays as it is.
 *
 * @param snapshot whether the event is a SNAPSHOT
 * @param scope    a SNAPSHOT's scope; null when it is complete for every port (or the event is no SNAPSHOT)
 */
public record Replaces(boolean snapshot, SnapshotScope scope) {

    public static final Replaces NOTHING = new Replaces(false, null);

    /** What the event replaces. */
    public static Replaces of(ListenerEvent event) {
        return event.type() == ListenerEventType.SNAPSHOT ? new Replaces(true, event.scope()) : NOTHING;
    }

    /** Whether the event replaces the host's listeners on this transport/port. */
    public boolean covers(PortKey port) {
        return snapshot && (scope == null || scope.covers(port.transport(), port.port()));
    }
}
