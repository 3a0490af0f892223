package io.portwatch.events;

/**
 * Names of the Kafka topics that make up Portwatch's public contract (see docs/topics.md and events/asyncapi.yaml).
 */
public final class Topics {

    /** Compacted: one record per {@code transport/port} key, a tombstone when knowledge is removed. */
    public static final String PORT_KNOWLEDGE = "portwatch.port-knowledge";

    /** Knowledge records that break the contract, exactly as received, with {@code dlq-*} headers. */
    public static final String PORT_KNOWLEDGE_DLQ = "portwatch.port-knowledge.dlq";

    /** Listener events keyed by host id, so each host's events stay in order on one partition. */
    public static final String LISTENERS = "portwatch.listeners";

    /** Listener records that could not be processed or break the contract, exactly as received, with {@code dlq-*} headers. */
    public static final String LISTENERS_DLQ = "portwatch.listeners.dlq";

    /** Probe heartbeats keyed by probe id, signed like listener records: who is alive, and how its scans go. */
    public static final String PROBE_HEARTBEATS = "portwatch.probe-heartbeats";

    /** Heartbeats that break the contract, exactly as received, with {@code dlq-*} headers. */
    public static final String PROBE_HEARTBEATS_DLQ = "portwatch.probe-heartbeats.dlq";

    /** Every state change of every finding, keyed by finding id. */
    public static final String ALERTS = "portwatch.alerts";

    private static final String ALERT_ROUTE_PREFIX = ALERTS + ".";

    private Topics() {
    }

    /** The topic of a configured alert route, e.g. {@code portwatch.alerts.paging} for {@code paging}. */
    public static String alertRoute(String route) {
        if (route == null || !route.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("an alert route is lower-case letters, digits and dashes: " + route);
        }
        return ALERT_ROUTE_PREFIX + route;
    }
}
