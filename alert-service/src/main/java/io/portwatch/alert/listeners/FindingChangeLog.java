package io.portwatch.alert.listeners;

import io.portwatch.alert.findings.FindingChange;
import io.quarkus.logging.Log;
import org.jboss.logging.MDC;

import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The log of a stored batch's finding changes: one INFO line with the count of each kind, and one DEBUG line per
 * change whose ids are also MDC fields ({@code host}, {@code port}, {@code findingId}: fields of their own in JSON
 * logs). Nothing is built for the DEBUG lines when DEBUG is off.
 */
final class FindingChangeLog {

    /** MDC keys of a change's DEBUG line. */
    private static final String HOST = "host";
    private static final String PORT = "port";
    private static final String FINDING = "findingId";

    private FindingChangeLog() {
    }

    /** Logs the {@code changes} that {@code events} correlated listener events made (nothing when there are none). */
    static void log(int events, List<FindingChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        Log.infof("Correlated %d listener events: %d finding changes (%s)", events, changes.size(), summary(changes));
        if (Log.isDebugEnabled()) {
            changes.forEach(FindingChangeLog::logChange);
        }
    }

    private static void logChange(FindingChange change) {
        String port = change.event().listener() == null ? "-" : change.event().listener().portKey().toString();
        MDC.put(HOST, change.event().host().id());
        MDC.put(PORT, port);
        MDC.put(FINDING, change.event().findingId());
        try {
            Log.debugf("Finding %s %s: %s %s on %s:%s", change.event().findingId(), change.kind(), change.event().severity(),
                    change.event().rule(), change.event().host().id(), port);
        } finally {
            MDC.remove(HOST);
            MDC.remove(PORT);
            MDC.remove(FINDING);
        }
    }

    private static String summary(List<FindingChange> changes) {
        return changes.stream()
                .collect(Collectors.groupingBy(FindingChange::kind, TreeMap::new, Collectors.counting()))
                .entrySet().stream()
                .map(entry -> entry.getValue() + " " + entry.getKey().name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }
}
