package io.portwatch.notifier.alertmanager;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The alerts the notifier has sent as firing and not yet ended, by finding id, for re-sending within
 * Alertmanager's resolve_timeout. Bounded: past its capacity the least recently changed alert is no longer
 * re-sent (Alertmanager then ends it after its resolve_timeout; docs/notifier.md says so).
 */
final class FiringAlerts {

    private final Map<String, AlertmanagerAlert> alerts;

    FiringAlerts(int capacity) {
        this.alerts = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, AlertmanagerAlert> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized void firing(String findingId, AlertmanagerAlert alert) {
        alerts.put(findingId, alert);
    }

    synchronized void ended(String findingId) {
        alerts.remove(findingId);
    }

    /** The alert firing for a finding, or null. */
    synchronized AlertmanagerAlert get(String findingId) {
        return alerts.get(findingId);
    }

    synchronized boolean contains(String findingId) {
        return alerts.containsKey(findingId);
    }

    synchronized List<AlertmanagerAlert> all() {
        return List.copyOf(alerts.values());
    }
}
