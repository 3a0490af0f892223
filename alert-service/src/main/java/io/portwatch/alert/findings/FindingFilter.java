package io.portwatch.alert.findings;

import io.portwatch.events.finding.FindingState;
import io.portwatch.events.finding.Severity;

import java.time.Instant;
import java.util.Set;

/**
 * Which findings a search, an export or a count takes; every part is optional (empty or null: any).
 *
 * @param states     any of these states
 * @param severities any of these severities
 * @param rule       the rule id
 * @param port       the port
 * @param transport  tcp, udp, sctp or dccp
 * @param asset      the asset (canonical host id)
 * @param host       the host id (canonical)
 * @param zone       the zone of the probe that saw it
 * @param text       a case-insensitive substring of the title, host, asset, rule, service, process name or executable
 * @param updatedSince only findings whose row changed at or after this instant
 */
public record FindingFilter(Set<FindingState> states, Set<Severity> severities, String rule, Integer port, String transport,
        String asset, String host, String zone, String text, Instant updatedSince) {

    public FindingFilter {
        states = states == null ? Set.of() : Set.copyOf(states);
        severities = severities == null ? Set.of() : Set.copyOf(severities);
    }

    /** Every finding. */
    public static FindingFilter any() {
        return new FindingFilter(Set.of(), Set.of(), null, null, null, null, null, null, null, null);
    }
}
