package io.portwatch.events.finding;

import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.ProbeInfo;

import java.time.Instant;
import java.util.List;

/**
 * One state change of a finding. The value of {@code portwatch.alerts} (and its routes), keyed by finding id.
 *
 * @param findingId   stable id: {@link FindingIds#of}
 * @param rule        id of the rule that raised it
 * @param severity    how urgent
 * @param state       where it is in its lifecycle
 * @param host        the host
 * @param zone        the network zone of the probe that saw the listener (null when unknown); added
 *                    after the first release, so older subscribers ignore it
 * @param asset       the machine it is on: a host-mode probe's node (which a network probe's finding on one of
 *                    that node's addresses joins), else the host id; added with issue 12, older subscribers ignore it
 * @param probe       the probe that reported the listener, or, for a fleet finding, the probe it is about
 * @param listener    the listener it is about; null for a fleet finding ({@code probe-impersonation},
 *                    {@code probe-silent}), which is about a probe
 * @param knowledge   the knowledge it was judged on
 * @param title       one line for a person
 * @param description what was observed and why it matters
 * @param remediation what to do
 * @param references  where to read more
 * @param firstSeen   when it was first raised
 * @param lastSeen    when its listener was last observed
 * @param version     increments with every change, so a subscriber can drop replays
 */
public record FindingEvent(
        String findingId,
        String rule,
        Severity severity,
        FindingState state,
        HostInfo host,
        String zone,
        String asset,
        ProbeInfo probe,
        Listener listener,
        KnowledgeSummary knowledge,
        String title,
        String description,
        String remediation,
        List<String> references,
        Instant firstSeen,
        Instant lastSeen,
        long version) {

    public FindingEvent {
        references = references == null ? List.of() : List.copyOf(references);
    }
}
