package io.portwatch.events.finding;

/** Where a finding is in its lifecycle: OPEN, then ACKNOWLEDGED or SUPPRESSED, then RESOLVED (and OPEN again if it returns). */
public enum FindingState {
    OPEN, ACKNOWLEDGED, SUPPRESSED, RESOLVED
}
