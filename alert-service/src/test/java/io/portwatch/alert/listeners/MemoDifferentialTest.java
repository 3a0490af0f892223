package io.portwatch.alert.listeners;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.portwatch.alert.AlertFlow;
import io.portwatch.alert.Fixtures;
import io.portwatch.alert.assets.AssetIndex;
import io.portwatch.alert.config.AlertConfig;
import io.portwatch.alert.findings.FindingChange;
import io.portwatch.alert.findings.FindingEntity;
import io.portwatch.alert.findings.FindingLifecycle;
import io.portwatch.alert.findings.FindingService;
import io.portwatch.alert.findings.FindingStore;
import io.portwatch.alert.knowledge.KnowledgeView;
import io.portwatch.alert.memo.NoChangeMemo;
import io.portwatch.alert.rules.RuleEngine;
import io.portwatch.events.finding.FindingEvent;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.events.knowledge.ServiceStatus;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.ListenerEvent;
import io.portwatch.events.listener.ListenerEventType;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The no-change memo changes nothing (alert-service/DESIGN.md): seeded random streams of opens, closes, SNAPSHOTs
 * (repeated ones, and ones listing what the opens and closes left, often one listener apart), re-evaluations, analysts' actions and rebalances, correlated once by the service's own
 * correlator (memo on) and once by one with the memo off, batch after batch, leave identical findings and publish
 * identical finding changes.
 */
@QuarkusTest
class MemoDifferentialTest {

    private static final PortKey AFP = new PortKey(Transport.TCP, 548);
    private static final PortKey UNASSIGNED = new PortKey(Transport.TCP, 47123);
    private static final List<Listener> LISTENERS = List.of(
            Fixtures.listener(AFP, "0.0.0.0", Exposure.ALL_INTERFACES),
            Fixtures.listener(AFP, "127.0.0.1", Exposure.LOOPBACK),
            Fixtures.listener(UNASSIGNED, "0.0.0.0", Exposure.ALL_INTERFACES),
            Fixtures.listener(UNASSIGNED, "::1", Exposure.LOOPBACK));
    private static final int HOSTS = 4;
    private static final int STEPS = 120;
    private static final Set<Integer> ALL_PARTITIONS = Set.of(0, 1, 2, 3, 4, 5);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @Inject
    Correlator correlator;
    @Inject
    NoChangeMemo memo;
    @Inject
    KnowledgeView knowledge;
    @Inject
    RuleEngine rules;
    @Inject
    FindingService findingService;
    @Inject
    FindingStore store;
    @Inject
    AssetIndex assets;
    @Inject
    BatchReconciler reconciler;
    @Inject
    ListenerPositions positions;
    @Inject
    AlertConfig config;
    @Inject
    FindingLifecycle lifecycle;
    @Inject
    MeterRegistry registry;

    private final PolledRecords polledRecords = new PolledRecords();

    /** One step of a stream: a batch of events, or an action outside the listener stream. */
    private interface Step {
    }

    private record Batch(List<ListenerEvent> events) implements Step {
    }

    private record Reevaluation(PortKey port) implements Step {
    }

    /** Acts on the {@code pick}-th OPEN finding of the run (in a stable order), if there is one. */
    private record AnalystAction(int pick, FindingState target) implements Step {
    }

    private record Rebalance() implements Step {
    }

    /** A finding change as published, without what differs between the runs by design (ids, the host prefix, clocks). */
    private record Published(FindingChange.Kind kind, String host, PortKey port, String rule, FindingState state, String severity,
            long version) {
    }

    /** A stored finding, the same way. */
    private record Stored(String host, PortKey port, String rule, FindingState state, String severity, Instant firstSeen,
            Instant lastSeen, long seenCount, long version) {
    }

    private record Outcome(List<Published> published, List<Stored> stored) {
    }

    @Test
    void theMemoAndThePipelineChangeNoFindingAndNoAlert() {
        try (AlertFlow flow = new AlertFlow(bootstrapServers)) {
            flow.knowledge(1, Fixtures.knowledge(AFP, ServiceStatus.LEGACY, Risk.HIGH));
            Correlator withoutMemo = new Correlator(knowledge, rules, findingService, store,
                    new NoChangeMemo(false, config.lastSeenResolution(), config.contract().maxListeners()), reconciler, assets, positions, config, new SimpleMeterRegistry());
            double oneApartBefore = registry.counter(Correlator.ONE_APART_METRIC).count();
            for (long seed : new long[] {1, 2, 3}) {
                String run = "diff-" + seed + "-" + Instant.now().toEpochMilli();
                // Ahead of the clock a re-evaluation observes at: its lastSeen rewrites are the same in both runs.
                Instant start = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
                double skippedBefore = skipped();
                Outcome on = correlate(stream(new Random(seed), start, run + "-on"), run + "-on", correlator);
                assertThat(skipped()).as("seed %d: the memo skipped events", seed).isGreaterThan(skippedBefore);
                Outcome off = correlate(stream(new Random(seed), start, run + "-off"), run + "-off", withoutMemo);

                assertThat(on.published()).as("seed %d: finding changes published", seed).isNotEmpty()
                        .containsExactlyElementsOf(off.published());
                assertThat(on.stored()).as("seed %d: findings stored", seed).isNotEmpty()
                        .containsExactlyElementsOf(off.stored());
            }
            assertThat(registry.counter(Correlator.ONE_APART_METRIC).count())
                    .as("SNAPSHOTs one listener apart skipped without decoding").isGreaterThan(oneApartBefore);
        }
    }

    @Test
    void aPortsLastSeenIsRewrittenWhenDueWhateverAnotherPortOfTheHostReconciledSince() {
        try (AlertFlow flow = new AlertFlow(bootstrapServers)) {
            flow.knowledge(1, Fixtures.knowledge(AFP, ServiceStatus.LEGACY, Risk.HIGH));
            Correlator withoutMemo = new Correlator(knowledge, rules, findingService, store,
                    new NoChangeMemo(false, config.lastSeenResolution(), config.contract().maxListeners()), reconciler, assets, positions, config, new SimpleMeterRegistry());
            String run = "due-" + Instant.now().toEpochMilli();
            Instant start = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
            Duration resolution = config.lastSeenResolution();
            Outcome on = correlate(flapping(start, resolution, run + "-on"), run + "-on", correlator);
            Outcome off = correlate(flapping(start, resolution, run + "-off"), run + "-off", withoutMemo);

            assertThat(on.stored()).as("findings stored, lastSeen included").isNotEmpty().containsExactlyElementsOf(off.stored());
            assertThat(on.stored()).filteredOn(finding -> finding.port().equals(AFP)).extracting(Stored::lastSeen)
                    .as("548's lastSeen, due a resolution after the first SNAPSHOT, is rewritten by a later one")
                    .containsOnly(start.plus(resolution).plusSeconds(10));
        }
    }

    /**
     * A SNAPSHOT with 548 open; an OPENED of another port shortly before 548's lastSeen is due; then SNAPSHOTs of both
     * after it is due, while the OPENED's reconciliation is not: 548's finding must be observed again.
     */
    private static List<Step> flapping(Instant start, Duration resolution, String prefix) {
        String host = prefix + "-h0";
        Listener afp = LISTENERS.get(0);
        Listener other = LISTENERS.get(2);
        Instant opened = start.plus(resolution).minusSeconds(5);
        return List.of(
                new Batch(List.of(Fixtures.eventAt(start, ListenerEventType.SNAPSHOT, host, afp))),
                new Batch(List.of(Fixtures.eventAt(opened, ListenerEventType.OPENED, host, other))),
                new Batch(List.of(Fixtures.eventAt(start.plus(resolution).plusSeconds(10), ListenerEventType.SNAPSHOT, host, afp, other))),
                new Batch(List.of(Fixtures.eventAt(start.plus(resolution).plusSeconds(15), ListenerEventType.SNAPSHOT, host, afp, other))));
    }

    private double skipped() {
        return registry.counter("portwatch.alert.listener.events.unchanged").count();
    }

    /** A random stream over a few hosts; the same seed gives the same stream, whatever the host prefix. */
    private static List<Step> stream(Random random, Instant start, String prefix) {
        Instant at = start;
        Map<String, ListenerEvent> lastSnapshot = new HashMap<>();
        // Each host's listeners as its events leave them, in the order its probe lists them.
        Map<String, List<Listener>> listed = new HashMap<>();
        List<Step> steps = new ArrayList<>();
        for (int step = 0; step < STEPS; step++) {
            int kind = random.nextInt(20);
            if (kind == 0) {
                steps.add(new AnalystAction(random.nextInt(8), random.nextBoolean() ? FindingState.RESOLVED : FindingState.ACKNOWLEDGED));
            } else if (kind == 1) {
                steps.add(new Rebalance());
            } else if (kind == 2) {
                steps.add(new Reevaluation(random.nextBoolean() ? AFP : UNASSIGNED));
            } else {
                List<ListenerEvent> events = new ArrayList<>();
                for (int i = 1 + random.nextInt(4); i > 0; i--) {
                    at = at.plusSeconds(1 + random.nextInt(20));
                    String host = prefix + "-h" + random.nextInt(HOSTS);
                    Listener listener = LISTENERS.get(random.nextInt(LISTENERS.size()));
                    int type = random.nextInt(10);
                    List<Listener> current = listed.computeIfAbsent(host, any -> new ArrayList<>());
                    ListenerEvent event;
                    if (type < 2) {
                        event = Fixtures.eventAt(at, ListenerEventType.OPENED, host, listener);
                        if (!current.contains(listener)) {
                            current.add(random.nextInt(current.size() + 1), listener);
                        }
                    } else if (type < 4) {
                        event = Fixtures.eventAt(at, ListenerEventType.CLOSED, host, listener);
                        current.remove(listener);
                    } else if (type < 6 && lastSnapshot.containsKey(host)) {
                        // A probe's periodic SNAPSHOT of a steady host: the same listeners, later.
                        event = Fixtures.eventAt(at, ListenerEventType.SNAPSHOT, host,
                                lastSnapshot.get(host).listeners().toArray(Listener[]::new));
                        current.clear();
                        current.addAll(event.listeners());
                    } else if (type < 8) {
                        // The SNAPSHOT a probe writes after telling of an OPENED or CLOSED: often one listener apart.
                        event = Fixtures.eventAt(at, ListenerEventType.SNAPSHOT, host, current.toArray(Listener[]::new));
                        lastSnapshot.put(host, event);
                    } else {
                        event = Fixtures.eventAt(at, ListenerEventType.SNAPSHOT, host, LISTENERS.stream()
                                .filter(any -> random.nextInt(3) == 0).toArray(Listener[]::new));
                        lastSnapshot.put(host, event);
                        current.clear();
                        current.addAll(event.listeners());
                    }
                    events.add(event);
                }
                steps.add(new Batch(events));
            }
        }
        return steps;
    }

    /** Correlates a stream, batch after batch, as the consumer does; analysts and re-evaluations act between batches. */
    private Outcome correlate(List<Step> steps, String prefix, Correlator by) {
        List<Published> published = new ArrayList<>();
        for (Step step : steps) {
            if (step instanceof Batch batch) {
                storeAndRelease(by, by.judge(batch.events().stream()
                        .map(polledRecords::of)
                        .toList()), prefix, published);
            } else if (step instanceof Rebalance) {
                memo.forgetAll();
                by.listenerPartitionsAssigned(ALL_PARTITIONS);
            } else {
                if (step instanceof Reevaluation reevaluation) {
                    // Every host with a finding on the port is judged again: only this run's count here.
                    by.reevaluate(reevaluation.port()).stream().filter(change -> change.event().host().id().startsWith(prefix + "-"))
                            .forEach(change -> published.add(published(change.kind(), change.event(), prefix)));
                } else if (step instanceof AnalystAction action) {
                    act(action, prefix, published);
                }
            }
        }
        return new Outcome(published, stored(prefix));
    }

    private void act(AnalystAction action, String prefix, List<Published> published) {
        List<String> open = openFindings(prefix);
        if (!open.isEmpty()) {
            FindingEvent changed = lifecycle.transition(open.get(action.pick() % open.size()), action.target(),
                    "differential test", "analyst");
            published.add(published(action.target() == FindingState.RESOLVED
                    ? FindingChange.Kind.RESOLVED : FindingChange.Kind.ACKNOWLEDGED, changed, prefix));
        }
    }

    private static void storeAndRelease(Correlator by, JudgedBatch batch, String prefix, List<Published> published) {
        try {
            by.store(batch).forEach(change -> published.add(published(change.kind(), change.event(), prefix)));
        } finally {
            by.release(batch);
        }
    }

    private static Published published(FindingChange.Kind kind, FindingEvent event, String prefix) {
        return new Published(kind, event.host().id().substring(prefix.length()), event.listener() == null ? null : event.listener().portKey(),
                event.rule(), event.state(), event.severity().name(), event.version());
    }

    private static List<String> openFindings(String prefix) {
        return QuarkusTransaction.requiringNew().call(() -> FindingEntity.<FindingEntity>list(
                        "hostId like ?1 and state = ?2 order by hostId, port, transport, rule", prefix + "-%", FindingState.OPEN)
                .stream().map(finding -> finding.findingId).toList());
    }

    private static List<Stored> stored(String prefix) {
        return QuarkusTransaction.requiringNew().call(() -> FindingEntity.<FindingEntity>list(
                        "hostId like ?1 order by hostId, port, transport, rule", prefix + "-%").stream()
                .map(finding -> new Stored(finding.hostId.substring(prefix.length()), finding.portKey(), finding.rule, finding.state,
                        finding.severity.name(), finding.firstSeen, finding.lastSeen, finding.seenCount, finding.version))
                .toList());
    }
}
