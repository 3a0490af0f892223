package io.portwatch.alert.findings;

import io.portwatch.events.finding.FindingState;
import io.portwatch.events.finding.Severity;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The findings at a glance, for the console's overview. "Open" means neither suppressed nor resolved
 * ({@link FindingStatistics#OPEN_STATES}), as in the assets API.
 *
 * @param openStates     the states counted as open
 * @param openBySeverity open findings per severity, most severe first, zeros included
 * @param openByRule     open findings per rule, most first
 * @param byState        all findings per state, zeros included
 * @param topServices    the transport/ports with the most open findings, most first
 * @param bucket         the width of a timeline bucket: {@code hour} or {@code day}
 * @param timeline       findings opened and resolved per bucket, oldest first, empty buckets included
 */
public record FindingOverview(List<FindingState> openStates, Map<Severity, Long> openBySeverity, List<RuleCount> openByRule,
        Map<FindingState, Long> byState, List<ServiceCount> topServices, String bucket, List<Bucket> timeline) {

    /** Open findings of a rule. */
    public record RuleCount(String rule, long open) {
    }

    /** Open findings on a transport/port, with the service name the knowledge gives it (null when unknown). */
    public record ServiceCount(String transport, int port, String serviceName, long open) {
    }

    /**
     * One bucket of the timeline.
     *
     * @param start    its start (UTC)
     * @param opened   findings that became OPEN in it (first raised, or raised again)
     * @param resolved findings that became RESOLVED in it
     */
    public record Bucket(Instant start, long opened, long resolved) {
    }
}
