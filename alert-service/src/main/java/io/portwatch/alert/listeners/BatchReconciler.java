package io.portwatch.alert.listeners;

import io.portwatch.alert.assets.AssetIndex;
import io.portwatch.alert.assets.AssetJoin;
import io.portwatch.alert.config.AlertConfig;
import io.portwatch.alert.findings.FindingChange;
import io.portwatch.alert.findings.FindingService;
import io.portwatch.alert.findings.HostFindings;
import io.portwatch.alert.findings.Judgement;
import io.portwatch.alert.findings.SeenHost;
import io.portwatch.alert.memo.Replaces;
import io.portwatch.alert.memo.Settlement;
import io.portwatch.events.knowledge.PortKey;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reconciles the stored findings of a batch's hosts with what its events judged, inside the caller's
 * transaction, and works out until when each reconciled port is settled (the settlements the caller hands to the
 * {@link io.portwatch.alert.memo.NoChangeMemo} once committed). Set-based: the hosts' findings are read in one query and written back in one statement
 * ({@link HostFindings}).
 */
@ApplicationScoped
class BatchReconciler {

    private final AssetIndex assets;
    private final FindingService findings;
    private final Duration lastSeenResolution;

    BatchReconciler(AssetIndex assets, FindingService findings, AlertConfig config) {
        this.assets = assets;
        this.findings = findings;
        this.lastSeenResolution = config.lastSeenResolution();
    }

    /**
     * Reconciles the findings of {@code observations}' hosts, in their order, and adds a settlement per host to
     * {@code settlements}.
     *
     * @return the finding changes made, in order
     */
    List<FindingChange> reconcile(List<Observation> observations, List<Settlement> settlements) {
        Set<String> hostIds = new HashSet<>();
        observations.forEach(observation -> hostIds.add(observation.hostId()));
        // Claims first: the findings read next see the assets they re-attach.
        assets.store(observations.stream().map(Observation::claim).filter(Objects::nonNull).toList());
        AssetJoin join = assets.join(hostIds);
        HostFindings stored = HostFindings.load(hostIds);
        stored.fetch(portsToReconcile(observations, stored));
        Map<String, Map<PortKey, List<Judgement>>> reconciled = new HashMap<>();
        Map<String, Instant> lastObserved = new HashMap<>();
        List<FindingChange> made = new ArrayList<>();
        for (Observation observation : observations) {
            Map<PortKey, List<Judgement>> judged = new HashMap<>(observation.judged());
            // A SNAPSHOT replaces the host's listeners (a scoped one those on the ports it covers): ports with open
            // findings it leaves out have none (e.g. findings of listeners this instance never saw, after a restart).
            replaced(observation, stored).forEach(port -> judged.putIfAbsent(port, List.of()));
            SeenHost host = join.attach(new SeenHost(observation.event().host(), observation.event().probe()));
            judged.forEach((port, judgements) ->
                    made.addAll(findings.reconcile(host, port, judgements, observation.event().observedAt(), stored)));
            reconciled.computeIfAbsent(observation.hostId(), id -> new HashMap<>()).putAll(judged);
            lastObserved.merge(observation.hostId(), observation.event().observedAt(), (a, b) -> a.isAfter(b) ? a : b);
        }
        stored.write();
        // Each reconciled port is settled until its unchanged finding's lastSeen is due, and never longer than a
        // resolution past the host's last observation: what another instance changed meanwhile is seen by then.
        // Only the ports reconciled: a port this batch did not observe (outside a scoped SNAPSHOT's scope, or
        // another port than an OPENED's) keeps when it was due.
        reconciled.forEach((hostId, judged) -> {
            Map<PortKey, Instant> lastSeenDue = stored.lastSeenDue(hostId, judged.keySet(), lastSeenResolution);
            Instant latest = lastObserved.get(hostId).plus(lastSeenResolution);
            Map<PortKey, Instant> due = new HashMap<>();
            judged.keySet().forEach(port -> {
                Instant first = lastSeenDue.getOrDefault(port, latest);
                due.put(port, first.isBefore(latest) ? first : latest);
            });
            settlements.add(new Settlement(hostId, judged, stored.activePortsOf(hostId), due, latest));
        });
        return made;
    }

    /**
     * The ports whose findings a batch reconciles: those its events judged, and for a SNAPSHOT every port with an
     * active finding that it replaces.
     */
    private static Map<String, Set<PortKey>> portsToReconcile(List<Observation> observations, HostFindings stored) {
        Map<String, Set<PortKey>> ports = new HashMap<>();
        for (Observation observation : observations) {
            Set<PortKey> ofHost = ports.computeIfAbsent(observation.hostId(), id -> new HashSet<>());
            ofHost.addAll(observation.judged().keySet());
            ofHost.addAll(replaced(observation, stored));
        }
        return ports;
    }

    /** The ports with active findings whose listeners an event replaces: none unless it is a SNAPSHOT. */
    private static List<PortKey> replaced(Observation observation, HostFindings stored) {
        Replaces replaces = observation.replaces();
        if (!replaces.snapshot()) {
            return List.of();
        }
        return stored.activePortsOf(observation.hostId()).stream().filter(replaces::covers).toList();
    }
}
