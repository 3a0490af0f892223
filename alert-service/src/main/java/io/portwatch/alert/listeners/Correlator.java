package io.portwatch.alert.listeners;

import io.portwatch.alert.assets.AssetClaim;
import io.portwatch.alert.assets.AssetIndex;
import io.portwatch.alert.assets.AssetJoin;
import io.portwatch.alert.config.AlertConfig;
import io.portwatch.alert.findings.FindingChange;
import io.portwatch.alert.findings.FindingStore;
import io.portwatch.alert.findings.FindingEntity;
import io.portwatch.alert.findings.FindingService;
import io.portwatch.alert.findings.HostFindings;
import io.portwatch.alert.findings.Judgement;
import io.portwatch.alert.findings.SeenHost;
import io.portwatch.alert.knowledge.KnowledgeView;
import io.portwatch.alert.memo.InBatchSettlements;
import io.portwatch.alert.memo.NoChangeMemo;
import io.portwatch.alert.memo.Settlement;
import io.portwatch.alert.memo.SnapshotFingerprint;
import io.portwatch.alert.rules.RuleEngine;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.PortKnowledge;
import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.ListenerEvent;
import io.portwatch.events.listener.ListenerEventType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Turns listener events and knowledge changes into finding changes: keeps each host's listeners,
 * judges every port an event (or a knowledge change) touched with the rules and the knowledge view,
 * reconciles the stored findings in one transaction ({@link BatchReconciler}), then publishes what changed (through
 * {@link FindingStore}, so nothing else changes findings meanwhile). Whether an event can skip the
 * database, because it would change nothing stored, is the {@link NoChangeMemo}'s decision: a batch of
 * such events (periodic SNAPSHOTs of steady hosts) costs no round trip at all, and a SNAPSHOT repeating
 * its host's last one is not even decoded. A node's event that claims other addresses than its last
 * ({@link AssetIndex}) is always stored: the claim changes which assets findings are on. A record whose batch
 * was stored before (consumed again after a crash that came before the consumer's offsets were committed) changes
 * nothing: {@link ListenerPositions} knows how far each partition was stored.
 */
@ApplicationScoped
public class Correlator {

    static final String ONE_APART_METRIC = "portwatch.alert.listener.snapshots.one.apart";

    private static final Comparator<Judgement> BY_SEVERITY = Comparator.comparing(judgement -> judgement.verdict().severity());

    /** How long a knowledge change waits for judged batches to be stored (longer only while PostgreSQL is away). */
    private static final Duration STORE_WAIT = Duration.ofSeconds(60);

    /** How often idle hosts are looked for. */
    private static final Duration EVICTION_CHECK = Duration.ofMinutes(1);

    private final HostListeners hosts = new HostListeners();
    /** The listener partitions of the last rebalance, until {@link #forgetHostsElsewhere} applies them. */
    private final AtomicReference<Set<Integer>> assignedPartitions = new AtomicReference<>();
    private final KnowledgeView knowledge;
    private final RuleEngine rules;
    private final FindingService findings;
    private final FindingStore changes;
    private final NoChangeMemo memo;
    private final BatchReconciler reconciler;
    private final AssetIndex assets;
    private final ListenerPositions positions;
    private final Duration hostIdleEviction;
    private final Counter unchanged;
    private final Counter evicted;
    private final Counter oneApart;
    private Instant nextEviction = Instant.MIN;

    public Correlator(KnowledgeView knowledge, RuleEngine rules, FindingService findings, FindingStore changes,
            NoChangeMemo memo, BatchReconciler reconciler, AssetIndex assets, ListenerPositions positions, AlertConfig config,
            MeterRegistry registry) {
        this.knowledge = knowledge;
        this.rules = rules;
        this.findings = findings;
        this.changes = changes;
        this.memo = memo;
        this.reconciler = reconciler;
        this.assets = assets;
        this.positions = positions;
        this.hostIdleEviction = config.hostIdleEviction();
        this.unchanged = Counter.builder("portwatch.alert.listener.events.unchanged")
                .description("Listener events that changed no finding, decided without the database").register(registry);
        this.oneApart = Counter.builder(ONE_APART_METRIC)
                .description("SNAPSHOTs one listener apart from their host's last, found unchanged without decoding them").register(registry);
        this.evicted = Counter.builder("portwatch.alert.hosts.evicted")
                .description("Hosts forgotten after the idle time without listeners").register(registry);
        registry.gauge("portwatch.alert.hosts.held", hosts, HostListeners::size);
    }

    /**
     * What a batch of listener records needs from the database, judged in memory: each event is judged as it
     * comes (a repeated SNAPSHOT of a host whose listeners it would not change is neither decoded nor judged
     * again), and those that may change findings are kept for {@link #store}: of a host with an event kept earlier in
     * the batch, an event that changes nothing of what that event leaves ({@link InBatchSettlements}) is not. A record that is not a listener
     * event is skipped; its {@link ListenerRecord#malformed()} says why. The batch's hosts stay pending until
     * {@link #release}: a knowledge re-evaluation waits for them.
     */
    synchronized JudgedBatch judge(List<ListenerRecord> records) {
        forgetHostsElsewhere();
        Instant now = Instant.now();
        evictIdleHosts(now);
        long generation = memo.generation();
        List<Observation> observations = new ArrayList<>();
        InBatchSettlements inBatch = new InBatchSettlements();
        try {
            unchanged.increment(judgeEach(records, generation, now, inBatch, observations));
        } finally {
            inBatch.endJudging();
        }
        memo.pending(inBatch.hostIds());
        return new JudgedBatch(generation, observations, inBatch);
    }

    /**
     * Judges each record of a batch, as {@link #judge} says, adding those that may change findings to
     * {@code observations}; returns how many events were found to change nothing.
     */
    private int judgeEach(List<ListenerRecord> records, long generation, Instant now, InBatchSettlements inBatch,
            List<Observation> observations) {
        int unchangedEvents = 0;
        for (int index = 0; index < records.size(); index++) {
            ListenerRecord record = records.get(index);
            SnapshotFingerprint fingerprint = record.fingerprint().orElse(null);
            if (fingerprint != null && memo.skipsRepeat(fingerprint, generation, inBatch, index)) {
                unchangedEvents++;
                continue;
            }
            if (fingerprint != null && fingerprint.apart() != null && memo.skipsApart(fingerprint, generation, inBatch, index)) {
                unchangedEvents++;
                oneApart.increment();
                continue;
            }
            Optional<ListenerEvent> decoded = record.event();
            if (decoded.isEmpty()) {
                continue;
            }
            ListenerEvent event = decoded.get();
            SeenHost seenBefore = event.type() == ListenerEventType.SNAPSHOT ? null : hosts.seen(event.host().id());
            Set<PortKey> touched = hosts.apply(event, record.partition(), now);
            // Never changed from here: the memo recognises the judgements a repeat brings by identity (and scope:
            // every event that judged nothing gets the one empty map). A compact copy: the memo may hold it until
            // the host's next change.
            Map<PortKey, List<Judgement>> judged = Map.copyOf(hosts.judge(event.host().id(), touched, this::knowledgeOf, this::judge));
            boolean exact = event.type() == ListenerEventType.SNAPSHOT ? hosts.holdsAsListed(event)
                    : seenBefore != null && hosts.leftAlone(event, seenBefore);
            memo.applied(record.fingerprint(), event, judged, generation, exact);
            AssetClaim claim = assets.newClaim(event).orElse(null);
            Observation observation = new Observation(index, event, memo.candidate(event, judged, claim != null), claim,
                    record.position().orElse(null));
            if (memo.skips(observation.candidate(), inBatch, index)) {
                unchangedEvents++;
            } else {
                memo.stored(observation.candidate(), inBatch);
                observations.add(observation);
            }
        }
        return unchangedEvents;
    }

    /**
     * Reconciles the hosts of a judged batch in one transaction, publishes the changes and settles the hosts:
     * one attempt, which may be repeated. Batches are judged and stored one after the other, in order.
     */
    List<FindingChange> store(JudgedBatch batch) {
        return store(batch, batch.observations());
    }

    /**
     * Stores part of a judged batch, as {@link #store(JudgedBatch)} does the whole: when the whole cannot be
     * stored for a reason retrying will not mend, its parts are, in order, to find the event that cannot.
     */
    List<FindingChange> store(JudgedBatch batch, List<Observation> part) {
        if (part.isEmpty()) {
            return List.of();
        }
        List<Settlement> settlements = new ArrayList<>();
        List<FindingChange> made = changes.applyCorrelated(() -> {
            settlements.clear(); // a retried transaction starts over
            // A batch consumed again (its offsets were not committed before a crash) stored these records already.
            List<Observation> unstored = positions.unstored(part, Observation::position);
            List<FindingChange> reconciled = unstored.isEmpty() ? List.of()
                    : reconciler.reconcile(unstored, settlements);
            positions.advance(part.stream().map(Observation::position).toList());
            return reconciled;
        });
        memo.settle(batch.generation(), settlements);
        return made;
    }

    /** Forgets the hosts left without listeners for the idle time, once a minute at most. */
    private void evictIdleHosts(Instant now) {
        if (now.isBefore(nextEviction)) {
            return;
        }
        nextEviction = now.plus(EVICTION_CHECK);
        Set<String> idle = hosts.evictIdle(now, hostIdleEviction);
        if (!idle.isEmpty()) {
            memo.forget(idle);
            assets.forget(idle);
            evicted.increment(idle.size());
            Log.debugf("Forgot %d hosts without listeners for %s", idle.size(), hostIdleEviction);
        }
    }

    /**
     * Forgets what this instance holds of a host whose event could not be stored and was dead-lettered: its
     * listeners may hold what made it fail, so the host starts over from its next event (its stored findings
     * stand meanwhile, and a knowledge change judges it on them).
     */
    synchronized void forget(String hostId) {
        hosts.forget(hostId);
        memo.forget(Set.of(hostId));
        assets.forget(Set.of(hostId));
        memo.forgetAll();
    }

    /** Ends a judged batch, stored or given up: its hosts' events may be found unchanged again. */
    void release(JudgedBatch batch) {
        memo.ended(batch.hostIds());
    }

    /**
     * Re-judges every host with a listener or an active finding on a port whose knowledge changed, after the
     * batches judged on the old knowledge are stored (so that none of them is stored after this, on it). A
     * host whose listeners this instance has not seen (another instance's, or one not heard from since a
     * restart) is judged on the listeners of its stored findings: as its findings stand, not as if its
     * listeners had closed.
     */
    public synchronized List<FindingChange> reevaluate(PortKey port) {
        awaitJudgedBatches();
        forgetHostsElsewhere();
        return changes.apply(() -> {
            Map<String, SeenHost> affected = new LinkedHashMap<>();
            Map<String, List<Listener>> listeners = new HashMap<>();
            hosts.hostsOn(port).forEach(host -> affected.put(host.id(), host));
            for (FindingEntity finding : FindingEntity.activeOn(port)) {
                affected.putIfAbsent(finding.hostId, finding.seenHost());
                if (!hosts.holds(finding.hostId)) {
                    listeners.computeIfAbsent(finding.hostId, id -> new ArrayList<>()).add(finding.listener);
                }
            }
            Instant now = Instant.now();
            AssetJoin join = assets.join(affected.keySet());
            HostFindings stored = HostFindings.load(affected.keySet());
            Map<String, Set<PortKey>> onThePort = new HashMap<>();
            affected.keySet().forEach(hostId -> onThePort.put(hostId, Set.of(port)));
            stored.fetch(onThePort);
            List<FindingChange> made = new ArrayList<>();
            affected.values().forEach(host -> {
                List<Listener> seen = listeners.containsKey(host.id())
                        ? listeners.get(host.id()).stream().distinct().toList()
                        : hosts.on(host.id(), port);
                made.addAll(findings.reconcile(join.attach(host), port, judge(host.info(), seen, knowledgeOf(port)), now, stored));
            });
            stored.write();
            if (!made.isEmpty()) {
                Log.infof("Knowledge of %s changed: %d finding changes on %d hosts", port, made.size(), affected.size());
            }
            return made;
        });
    }

    /**
     * The listener partitions this instance holds now, after a rebalance: the listeners of hosts on other
     * partitions are forgotten before the next batch or re-evaluation (they are another instance's, and a
     * re-evaluation judges them on their stored findings). Called on the polling thread; never waits.
     */
    void listenerPartitionsAssigned(Set<Integer> partitions) {
        assignedPartitions.set(Set.copyOf(partitions));
    }

    private void forgetHostsElsewhere() {
        Set<Integer> assigned = assignedPartitions.getAndSet(null);
        if (assigned != null) {
            // The memo was forgotten at the rebalance; this also lets go of the hosts' cleared memos.
            List<String> elsewhere = hosts.keepPartitions(assigned);
            memo.forget(elsewhere);
            // Another instance may have stored claims of these nodes while it held them.
            assets.forgetAll();
        }
    }

    private void awaitJudgedBatches() {
        try {
            if (!memo.awaitNothingPending(STORE_WAIT)) {
                Log.warnf("Judged listener batches still not stored after %d s; re-evaluating knowledge now", STORE_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("stopped while waiting for judged listener batches", e);
        }
    }

    private PortKnowledge knowledgeOf(PortKey port) {
        return knowledge.find(port).orElseGet(() -> PortKnowledge.unassigned(port));
    }

    /** One judgement per rule: the most severe verdict over the port's listeners (e.g. wildcard beats loopback). */
    private List<Judgement> judge(HostInfo host, List<Listener> listeners, PortKnowledge known) {
        Map<String, Judgement> byRule = new LinkedHashMap<>();
        for (Listener listener : listeners) {
            rules.evaluate(host, listener, known).forEach(verdict -> byRule.merge(verdict.rule(),
                    new Judgement(verdict, listener, known), (a, b) -> BY_SEVERITY.compare(a, b) >= 0 ? a : b));
        }
        return List.copyOf(byRule.values());
    }
}
