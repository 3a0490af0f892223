package io.portwatch.events.listener;

import java.util.Locale;

/** What a listener event says. */
public enum ListenerEventType {
    /** One listener appeared. */
    OPENED,
    /** One listener went away. */
    CLOSED,
    /** The complete current set of the host's listeners; anything absent from it is gone. */
    SNAPSHOT;

    /** The CloudEvents type of such an event, e.g. {@code portwatch.listener.opened}. */
    public String cloudEventType() {
        return "portwatch.listener." + name().toLowerCase(Locale.ROOT);
    }
}
