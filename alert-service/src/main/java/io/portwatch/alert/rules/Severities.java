package io.portwatch.alert.rules;

import io.portwatch.events.finding.Severity;
import io.portwatch.events.knowledge.Risk;

/** Maps a service's risk to the severity of a finding about its exposed listener. */
final class Severities {

    private Severities() {
    }

    static Severity ofRisk(Risk risk) {
        return switch (risk) {
            case NONE, LOW -> Severity.LOW;
            case MEDIUM -> Severity.MEDIUM;
            case HIGH -> Severity.HIGH;
            case CRITICAL -> Severity.CRITICAL;
        };
    }
}
