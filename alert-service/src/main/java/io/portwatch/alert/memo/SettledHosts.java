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
 * the judgements its ports were reconciled with, its ports with active findings, and until when that stays
 * true: per port, until the port's active finding is due for a {@code lastSeen} rewrite (an event reconciles
 * only its own ports: an OPENED on one port says nothing of when another port's finding is due), and for the
 * whole host never longer than the {@code lastSeen} resolution past its last reconciled observation.
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
        /** Per port of {@link #judged}: until when its part is true. */
        private final Map<PortKey, Instant> due;
        /** Until when any of it is true. */
        private final Instant until;
        /** The generation it was settled in: of an older one, it is forgotten. */
        private final long generation;
        private volatile UnchangedSnapshot unchangedSnapshot;

        Settled(Map<PortKey, List<Judgement>> judged, Set<PortKey> activePorts, Map<PortKey, Instant> due, Instant until,
                long generation) {
            this.judged = judged;
            this.activePorts = activePorts;
            this.due = due;
            this.until = until;
            this.generation = generation;
        }

        /**
         * What reconciling an event (observed at {@code observedAt}, its ports judged as {@code eventJudged}) leaves of
         * this state: its ports' findings become what they are judged, a SNAPSHOT's findings on ports it replaces but
         * leaves out are resolved, and each port it reconciles is due no later than before and than a resolution
         * after it (a finding it opens or observes again is due then, any other not earlier than it was).
         */
        Settled after(Map<PortKey, List<Judgement>> eventJudged, Replaces replaces, Instant observedAt, Duration resolution) {
            Map<PortKey, List<Judgement>> judgedAfter = new HashMap<>(judged);
            Set<PortKey> activeAfter = new HashSet<>(activePorts);
            Map<PortKey, Instant> dueAfter = new HashMap<>(due);
            Instant reconciledUntil = observedAt.plus(resolution);
            if (replaces.snapshot()) {
                for (PortKey active : activePorts) {
                    if (replaces.covers(active) && !eventJudged.containsKey(active)) {
                        judgedAfter.put(active, List.of());
                        activeAfter.remove(active);
                        dueAfter.merge(active, reconciledUntil, SettledHosts::earlier);
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
                dueAfter.merge(port, reconciledUntil, SettledHosts::earlier);
            });
            return new Settled(judgedAfter, activeAfter, dueAfter, earlier(until, reconciledUntil), generation);
        }

        private boolean notDue(PortKey port, Instant observedAt) {
            Instant until = due.get(port);
            return until != null && observedAt.isBefore(until);
        }
    }

    /** SNAPSHOT judgements, with what it replaces, found to change nothing of a {@link Settled}, and when the first of their ports is due. */
    private record UnchangedSnapshot(Map<PortKey, List<Judgement>> judged, Replaces replaces, Instant until) {

        boolean of(Map<PortKey, List<Judgement>> otherJudged, Replaces otherReplaces) {
            return judged == otherJudged && replaces.equals(otherReplaces);
        }
    }

    private final HostMemos hosts;
    /** Hosts in judged batches whose reconciliation has not ended, with how many such batches each is in. */
    private final Map<String, Integer> pending = new ConcurrentHashMap<>();
    private final Object nothingPending = new Object();
    private volatile long generation;

    SettledHosts(HostMemos hosts) {
        this.hosts = hosts;
    }

    /** What the host was last settled on, if it was and nothing was forgotten since (null: nothing held). */
    Settled of(HostMemo host) {
        Settled settled = host == null ? null : host.settled;
        return settled != null && settled.generation == generation ? settled : null;
    }

    /**
     * Whether an event observed at {@code observedAt}, whose ports are now judged as {@code judged}, would
     * change nothing of its host as {@code settled} (null: unknown, never unchanged): every port judged as when
     * last reconciled, and for a SNAPSHOT (which replaces the host's listeners, or a scoped one those on the ports
     * it covers) no port with an active finding that it replaces left out. {@code judged} must not change after the
     * call: a SNAPSHOT's judgements found unchanged are remembered, by identity and with what the SNAPSHOT replaces,
     * until the host is settled again (identity alone would not do: events that judged nothing may share the one
     * empty map).
     */
    static boolean unchanged(Settled settled, Map<PortKey, List<Judgement>> judged, Replaces replaces, Instant observedAt) {
        if (settled == null || !observedAt.isBefore(settled.until)) {
            return false;
        }
        UnchangedSnapshot remembered = settled.unchangedSnapshot;
        if (replaces.snapshot() && remembered != null && remembered.of(judged, replaces)) {
            return observedAt.isBefore(remembered.until());
        }
        Instant until = settled.until;
        for (Map.Entry<PortKey, List<Judgement>> port : judged.entrySet()) {
            if (!port.getValue().equals(settled.judged.get(port.getKey())) || !settled.notDue(port.getKey(), observedAt)) {
                return false;
            }
            until = earlier(until, settled.due.get(port.getKey()));
        }
        if (!replaces.snapshot()) {
            return true;
        }
        for (PortKey active : settled.activePorts) {
            if (!judged.containsKey(active) && replaces.covers(active)) {
                return false;
            }
        }
        settled.unchangedSnapshot = new UnchangedSnapshot(judged, replaces, until);
        return true;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
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

    long generation() {
        return generation;
    }

    /** Records what reconciliations left, unless something was forgotten since {@code since}. */
    synchronized void settle(long since, Collection<Settlement> settlements) {
        if (since != generation) {
            return;
        }
        for (Settlement settlement : settlements) {
            HostMemo host = hosts.open(settlement.hostId());
            Settled before = of(host);
            Map<PortKey, List<Judgement>> judged = new HashMap<>(before == null ? Map.of() : before.judged);
            Map<PortKey, Instant> due = new HashMap<>(before == null ? Map.of() : before.due);
            judged.putAll(settlement.judged());
            due.putAll(settlement.due());
            // Held until the host's next settlement: compact copies (one array each), not hash maps of nodes.
            host.settled = new Settled(Map.copyOf(judged), Set.copyOf(settlement.activePorts()), Map.copyOf(due), settlement.until(),
                    generation);
        }
    }

    /**
     * Forgets these hosts, what was settled of them and their judged SNAPSHOTs: their next events go to the database.
     * On the judging thread ({@link HostMemos}); excludes {@link #settle}, which would otherwise settle a host in a memo
     * no longer held.
     */
    synchronized void forget(Collection<String> hostIds) {
        hostIds.forEach(hosts::forget);
    }

    synchronized void forgetAll() {
        generation++;
        hosts.forgetAll();
    }
}
