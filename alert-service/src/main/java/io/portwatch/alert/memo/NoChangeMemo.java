package io.portwatch.alert.memo;

import io.portwatch.alert.config.AlertConfig;
import io.portwatch.alert.findings.FindingsMemo;
import io.portwatch.alert.findings.Judgement;
import io.portwatch.alert.knowledge.KnowledgeChanged;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.listener.ListenerEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Correlation's no-change memo, the one facade of its machinery ({@code alert-service/DESIGN.md}): what each host's
 * last reconciliation left in the database ({@link SettledHosts}) and the judgements of its last SNAPSHOT
 * ({@link JudgedSnapshots}), so that an event that would change nothing needs no database round trip.
 * {@link #skips} is the one place that decides it. Forgotten when the knowledge changes, when
 * {@link io.portwatch.alert.findings.FindingStore} changes findings by anything but correlation, and when the
 * listener partitions move. Switched off ({@code portwatch.alert.no-change-memo=false}) every event goes to the
 * database; the differential test proves both give the same findings and alerts.
 */
@ApplicationScoped
public class NoChangeMemo implements FindingsMemo {

    /**
     * An event judged in memory, as the memo decides on it.
     *
     * @param judged          its ports' judgements (never changed after: a repeat's are recognised by identity)
     * @param newClaim        whether it claims other addresses for its node than the last: always stored
     */
    public record Candidate(String hostId, Map<PortKey, List<Judgement>> judged, Replaces replaces, Instant observedAt,
            boolean newClaim) {
    }

    private final boolean enabled;
    private final SettledHosts settled = new SettledHosts();
    private final JudgedSnapshots snapshots = new JudgedSnapshots();

    @Inject
    public NoChangeMemo(AlertConfig config) {
        this(config.noChangeMemo());
    }

    /** @param enabled false: nothing is remembered, and every event goes to the database */
    public NoChangeMemo(boolean enabled) {
        this.enabled = enabled;
    }

    /** The generation a batch is judged in: what it settles is recorded only if nothing was forgotten since. */
    public long generation() {
        return settled.generation();
    }

    /** An event and its judgements, as the memo decides on them. */
    public Candidate candidate(ListenerEvent event, Map<PortKey, List<Judgement>> judged, boolean newClaim) {
        return new Candidate(event.host().id(), judged, Replaces.of(event), event.observedAt(), newClaim);
    }

    /**
     * Whether an event can skip the database: it changes nothing stored. Never when an earlier event of its batch on
     * the same host ({@code storedInBatch}) is stored, or when it claims new addresses; otherwise when every port it judged is judged as its host was last reconciled, its
     * findings' {@code lastSeen} are not due, and a SNAPSHOT leaves out no port with an active finding it replaces.
     */
    public boolean skips(Candidate candidate, Set<String> storedInBatch) {
        return enabled && !storedInBatch.contains(candidate.hostId()) && !candidate.newClaim()
                && settled.unchanged(candidate.hostId(), candidate.judged(), candidate.replaces(), candidate.observedAt());
    }

    /**
     * Whether a SNAPSHOT repeating its host's last one, known by its fingerprint alone, can skip the database (and
     * its decoding and judging): decided by {@link #skips} on the judgements of the SNAPSHOT it repeats.
     */
    public boolean skipsRepeat(SnapshotFingerprint fingerprint, long generation, Set<String> storedInBatch) {
        return enabled && snapshots.ofRepeat(fingerprint, generation)
                .map(repeat -> new Candidate(fingerprint.hostId(), repeat.judged(), repeat.replaces(), fingerprint.observedAt(), false))
                .filter(candidate -> skips(candidate, storedInBatch))
                .isPresent();
    }

    /** After an event was applied to its host's listeners and judged: every such event must come here. */
    public void applied(Optional<SnapshotFingerprint> fingerprint, ListenerEvent event, Map<PortKey, List<Judgement>> judged,
            long generation) {
        if (enabled) {
            snapshots.applied(fingerprint, event, judged, generation);
        }
    }

    /** Hosts of a judged batch that goes to the database, until {@link #ended}: a knowledge re-evaluation waits for them. */
    public void pending(Collection<String> hostIds) {
        settled.markPending(hostIds);
    }

    /** Ends what {@link #pending} started, once the batch is stored or given up. */
    public void ended(Collection<String> hostIds) {
        settled.ended(hostIds);
    }

    /** Waits until no judged batch waits to be stored; false if that took longer than {@code timeout}. */
    public boolean awaitNothingPending(Duration timeout) throws InterruptedException {
        return settled.awaitNothingPending(timeout);
    }

    /** Records what a stored batch judged in {@code generation} left, unless something was forgotten since. */
    public void settle(long generation, Collection<Settlement> settlements) {
        if (enabled) {
            settled.settle(generation, settlements);
        }
    }

    /** Forgets these hosts (idle, or refused): their next events go to the database. */
    public void forget(Collection<String> hostIds) {
        hostIds.forEach(snapshots::forget);
        settled.forget(hostIds);
    }

    @Override
    public void forgetAll() {
        settled.forgetAll();
    }

    void onKnowledgeChanged(@Observes KnowledgeChanged changed) {
        forgetAll();
    }
}
