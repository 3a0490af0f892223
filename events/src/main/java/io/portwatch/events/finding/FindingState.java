package io.portwatch.events.finding;

/**
 * Where a finding is in its lifecycle: OPEN, then ACKNOWLEDGED or SUPPRESSED, then RESOLVED (and OPEN again if
 * it returns). STALE: the probe that reports its host went silent, so nobody can say; it returns to the state it
 * had (then to what the probe sees) when the probe reports again.
 */
public enum FindingState {
    OPEN, ACKNOWLEDGED, SUPPRESSED, RESOLVED, STALE
}
