package io.portwatch.alert.memo;

import io.portwatch.alert.findings.Judgement;
import io.portwatch.events.knowledge.PortKey;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What the last reconciliation of each host left in the database, so that a listener event that would
 * change nothing — most are periodic SNAPSHOTs of steady hosts — needs no database round trip: per host,
 * the judgements its ports were reconciled with, its ports with active findings, and until when that
 * stays true: the earliest time one of its unchanged findings is due for a {@code lastSeen} rewrite, and
 * never longer than the {@code lastSeen} resolution past its last observation.
 * <p>
 * Forgotten when the knowledge changes, when findings change other than by correlation, and when the listener
 * topic's partitions move between instances ({@link NoChangeMemo}). An analyst's action served by another instance reaches this one's
 * decisions after at most the {@code lastSeen} resolution (e.g. a finding resolved by hand while its
 * listener stays open is reopened by the next observation after that).
 */
class SettledHosts {

    /**
     * A host as its last reconciliation left it, and the last SNAPSHOT judgements found to change nothing of
     * it: a repeated SNAPSHOT brings the very same map ({@link JudgedSnapshots}), which is then not compared
     * again, port by port, judgement by judgement. Read and set by the consumer's thread, which judges
     * and stores the host's events. Also what a batch's stored events of a host will leave of it
     * ({@link InBatchSettlements}), never recorded here.
     */
    static final class Settled {
        private final Map<PortKey, List<Judgement>> judged;
        private final Set<PortKey> activePorts;
        private final Instant until;
        private volatile Map<PortKey, List<Judgement>> unchangedSnapshot;

        Settled(Map<PortKey, List<Judgement>> judged, Set<PortKey> activePorts, Instant until) {
            this.judged = judged;
            this.activePorts = activePorts;
            this.until = until;
        }

        /**
         * What reconciling an event (observed at {@code observedAt}, its ports judged as {@code eventJudged}) leaves of
         * this state: its ports' findings become what they are judged, a SNAPSHOT's findings on ports it replaces but
         * leaves out are resolved, and no longer than before: a finding it opens or observes again is due a
         * resolution after it, any other not earlier than it was.
         */
        Settled after(Map<PortKey, List<Judgement>> eventJudged, Replaces replaces, Instant observedAt, Duration resolution) {
            Map<PortKey, List<Judgement>> judgedAfter = new HashMap<>(judged);
            Set<PortKey> activeAfter = new HashSet<>(activePorts);
            if (replaces.snapshot()) {
                for (PortKey active : activePorts) {
                    if (replaces.covers(active) && !eventJudged.containsKey(active)) {
                        judgedAfter.put(active, List.of());
                        activeAfter.remove(active);
                    }
                }
            }
            eventJudged.forEach((port, judgements) -> {
                judgedAfter.put(port, judgements);
                if (judgements.isEmpty()) {
                    activeAfter.remove(port);
                } else {
                    activeAfter.add(port);
                }
            });
            Instant reconciledUntil = observedAt.plus(resolution);
            return new Settled(judgedAfter, activeAfter, until.isBefore(reconciledUntil) ? until : reconciledUntil);
        }
    }

    private final Map<String, Settled> byHost = new ConcurrentHashMap<>();
    /** Hosts in judged batches whose reconciliation has not ended, with how many such batches each is in. */
    private final Map<String, Integer> pending = new ConcurrentHashMap<>();
    private final Object nothingPending = new Object();
    private long generation;

    /**
     * Whether an event observed at {@code observedAt}, whose ports are now judged as {@code judged}, would
     * change nothing stored: every port judged as when last reconciled, and for a SNAPSHOT (which replaces
     * the host's listeners, or a scoped one those on the ports it covers) no port with an active finding
     * that it replaces left out. {@code judged} must not change after the call: a SNAPSHOT's judgements
     * found unchanged are remembered by identity until the host is settled again (a map brought by a repeat
     * always comes with the same scope, {@link JudgedSnapshots.Repeat}).
     */
    boolean unchanged(String hostId, Map<PortKey, List<Judgement>> judged, Replaces replaces, Instant observedAt) {
        return unchanged(byHost.get(hostId), judged, replaces, observedAt);
    }

    /** What the host was last settled on, if it was (and nothing was forgotten since). */
    Settled of(String hostId) {
        return byHost.get(hostId);
    }

    /** {@link #unchanged(String, Map, Replaces, Instant)} against a given state of the host (null: unknown). */
    static boolean unchanged(Settled settled, Map<PortKey, List<Judgement>> judged, Replaces replaces, Instant observedAt) {
        if (settled == null || !observedAt.isBefore(settled.until)) {
            return false;
        }
        if (replaces.snapshot() && settled.unchangedSnapshot == judged) {
            return true;
        }
        for (Map.Entry<PortKey, List<Judgement>> port : judged.entrySet()) {
            if (!port.getValue().equals(settled.judged.get(port.getKey()))) {
                return false;
            }
        }
        if (!replaces.snapshot()) {
            return true;
        }
        for (PortKey active : settled.activePorts) {
            if (!judged.containsKey(active) && replaces.covers(active)) {
                return false;
            }
        }
        settled.unchangedSnapshot = judged;
        return true;
    }

    /**
     * Hosts of a batch judged to need reconciling: until the reconciliation ends, a knowledge re-evaluation
     * waits ({@link #awaitNothingPending}), so that no batch judged on the old knowledge is stored after it.
     */
    void markPending(Collection<String> hostIds) {
        hostIds.forEach(hostId -> pending.merge(hostId, 1, Integer::sum));
    }

    /** Ends what {@link #markPending} started, once the batch's reconciliation is settled or has failed. */
    void ended(Collection<String> hostIds) {
        hostIds.forEach(hostId -> pending.computeIfPresent(hostId, (id, batches) -> batches == 1 ? null : batches - 1));
        if (pending.isEmpty()) {
            synchronized (nothingPending) {
                nothingPending.notifyAll();
            }
        }
    }

    /** Waits until no judged batch is waiting to be reconciled; false if that took longer than {@code timeout}. */
    boolean awaitNothingPending(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (nothingPending) {
            while (!pending.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(nothingPending, left);
            }
        }
        return true;
    }

    synchronized long generation() {
        return generation;
    }

    /** Records what reconciliations left, unless something was forgotten since {@code since}. */
    synchronized void settle(long since, Collection<Settlement> settlements) {
        if (since != generation) {
            return;
        }
        for (Settlement settlement : settlements) {
            Settled before = byHost.get(settlement.hostId());
            Map<PortKey, List<Judgement>> judged = new HashMap<>(before == null ? Map.of() : before.judged);
            judged.putAll(settlement.judged());
            byHost.put(settlement.hostId(), new Settled(judged, Set.copyOf(settlement.activePorts()), settlement.until()));
        }
    }

    /** Forgets what was settled of these hosts: their next events go to the database. */
    void forget(Collection<String> hostIds) {
        hostIds.forEach(byHost::remove);
    }

    synchronized void forgetAll() {
        generation++;
        byHost.clear();
    }
}
