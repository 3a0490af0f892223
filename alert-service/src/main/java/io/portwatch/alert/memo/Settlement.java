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
 * @param due         per reconciled port (the keys of {@code judged}), when its part stops being true: its active
 *                    finding's {@code lastSeen} is due, or another instance may have acted
 * @param until       when any of it stops being true: another instance may have acted (a resolution past the host's
 *                    last reconciled observation)
 */
public record Settlement(String hostId, Map<PortKey, List<Judgement>> judged, Set<PortKey> activePorts, Map<PortKey, Instant> due,
        Instant until) {
}
