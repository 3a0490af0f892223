package io.portwatch.alert.findings;

import io.portwatch.events.finding.FindingEvent;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.finding.Severity;

import java.time.Instant;
import java.util.List;

/**
 * A finding with its history, for {@code GET /api/v1/findings/{id}}.
 *
 * @param finding the finding as it now is
 * @param history every change, oldest first
 */
public record FindingDetails(FindingEvent finding, List<Change> history) {

    /**
     * One change of a finding.
     *
     * @param version   the version it made
     * @param state     the state it left
     * @param severity  the severity it left
     * @param changedAt when
     * @param reason    why, and who for an analyst's action
     */
    public record Change(long version, FindingState state, Severity severity, Instant changedAt, String reason) {
    }
}
