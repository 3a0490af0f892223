package io.portwatch.alert.memo;

import io.portwatch.alert.findings.Judgement;
import io.portwatch.events.knowledge.PortKey;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a reconciliation of one host left in the database, recorded by {@link NoChangeMemo#settle} only if nothing
 * was forgotten since the reconciliation's batch was judged.
 *
 * @param judged      the judgements its reconciled ports were stored with
 * @param activePorts its ports with active findings
 * @param until       when this stops being true: a finding's {@code lastSeen} is due, or another instance may have acted
 */
public record Settlement(String hostId, Map<PortKey, List<Judgement>> judged, Set<PortKey> activePorts, Instant until) {
}
