package io.portwatch.alert.findings;

import io.portwatch.events.finding.FindingEvent;

import java.util.Locale;

/**
 * A committed change of a finding, to publish.
 *
 * @param kind  what happened
 * @param event the finding as it now is
 */
public record FindingChange(Kind kind, FindingEvent event) {

    /** What happened to a finding; names the CloudEvents type {@code portwatch.finding.<kind>}. */
    public enum Kind {
        OPENED, UPDATED, ACKNOWLEDGED, SUPPRESSED, RESOLVED, REOPENED;

        public String cloudEventType() {
            return "portwatch.finding." + name().toLowerCase(Locale.ROOT);
        }
    }
}
