package io.portwatch.alert.memo;

import io.portwatch.alert.config.AlertConfig;
import io.portwatch.alert.findings.FindingsMemo;
import io.portwatch.alert.findings.Judgement;
import io.portwatch.alert.knowledge.KnowledgeChanged;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.listener.ListenerEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Correlation's no-change memo, the one facade of its machinery ({@code alert-service/DESIGN.md}): what each host's
 * last reconciliation left in the database ({@link SettledHosts}) and the judgements of its last SNAPSHOT
 * ({@link JudgedSnapshots}), so that an event that would change nothing needs no database round trip.
 * {@link #skips} is the one place that decides it. Forgotten when the knowledge changes, when
 * {@link io.portwatch.alert.findings.FindingStore} changes findings by anything but correlation, and when the
 * listener partitions move. Switched off ({@code portwatch.alert.no-change-memo=false}) every event goes to the
 * database; the differential test proves both give the same findings and alerts. A {@code @Singleton}, injected
 * without a client proxy: it is asked for every listener record (bench/RESULTS.md, alert-cpu-11).
 */
@Singleton
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
    private final Duration lastSeenResolution;
    private final int maxListeners;
    private final HostMemos hosts = new HostMemos();
    private final SettledHosts settled = new SettledHosts(hosts);
    private final JudgedSnapshots snapshots = new JudgedSnapshots(hosts);

    @Inject
    public NoChangeMemo(AlertConfig config) {
        this(config.noChangeMemo(), config.lastSeenResolution(), config.contract().maxListeners());
    }

    /**
     * @param enabled            false: nothing is remembered, and every event goes to the database
     * @param lastSeenResolution how old a finding's {@code lastSeen} may grow before an observation rewrites it
     * @param maxListeners       the most listeners an event may list (the contract's): a SNAPSHOT recognised with more is decoded, and refused
     */
    public NoChangeMemo(boolean enabled, Duration lastSeenResolution, int maxListeners) {
        this.enabled = enabled;
        this.lastSeenResolution = lastSeenResolution;
        this.maxListeners = maxListeners;
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
     * Whether the batch's {@code record}-th event can skip the database: it changes nothing stored. Never when it
     * claims new addresses; otherwise when every port it judged is judged as its host stands, its findings'
     * {@code lastSeen} are not due, and a SNAPSHOT leaves out no port with an active finding it replaces. How its host
     * stands: as its last stored reconciliation left it, or, when an earlier event of the batch on the host is
     * stored, as that event will leave it ({@link #stored}; never when that is not known).
     */
    public boolean skips(Candidate candidate, InBatchSettlements batch, int record) {
        if (!enabled || candidate.newClaim()) {
            return false;
        }
        return unchanged(hosts.of(candidate.hostId()), batch, record, candidate.judged(), candidate.replaces(), candidate.observedAt());
    }

    /**
     * Whether a SNAPSHOT repeating its host's last one, known by its fingerprint alone, can skip the database (and
     * its decoding and judging): decided as {@link #skips} decides, on the judgements of the SNAPSHOT it repeats, its
     * host reached through the fingerprint's handle (and through the host, what the batch's stored events leave of it):
     * no lookup by host id on the commonest path. A repeat is found only in a memo still held: a forgotten one is
     * cleared.
     */
    public boolean skipsRepeat(SnapshotFingerprint fingerprint, long generation, InBatchSettlements batch, int record) {
        HostMemo host = fingerprint.handle().host();
        JudgedSnapshots.Repeat repeat = enabled && host != null ? JudgedSnapshots.repeated(host, fingerprint, generation) : null;
        return repeat != null && unchanged(host, batch, record, repeat.judged(), repeat.replaces(), fingerprint.observedAt());
    }

    /**
     * Whether a SNAPSHOT one listener apart from its host's last ({@link SnapshotFingerprint#apart}) can skip the
     * database, and its decoding and judging: when that listener is the one its host's OPENED or CLOSED since put in
     * or took out, it is judged as that SNAPSHOT with the OPENED or CLOSED applied ({@link JudgedSnapshots#apart}), and
     * decided as {@link #skips} decides. Never when it would list more than the contract's listeners. Once skipped, it
     * is its host's last SNAPSHOT, whose repeats are skipped in turn.
     */
    public boolean skipsApart(SnapshotFingerprint fingerprint, long generation, InBatchSettlements batch, int record) {
        SnapshotFingerprint.OneApart apart = fingerprint.apart();
        HostMemo host = enabled && apart != null && apart.listeners() <= maxListeners ? apart.base().host() : null;
        JudgedSnapshots.Repeat repeat = host == null ? null : JudgedSnapshots.apart(host, fingerprint, generation);
        if (repeat == null || !unchanged(host, batch, record, repeat.judged(), repeat.replaces(), fingerprint.observedAt())) {
            return false;
        }
        JudgedSnapshots.adopt(host, fingerprint.handle(), generation, repeat, true);
        return true;
    }

    /**
     * An event of the batch goes to the database: its host stands, for the batch's later events, as the event will
     * leave it, worked out from how it stood (unknown if it was not settled, or if the event claims new addresses).
     */
    public void stored(Candidate candidate, InBatchSettlements batch) {
        // Switched off, nothing is held of hosts, and the host's later events of the batch are stored too.
        HostMemo host = enabled ? hosts.open(candidate.hostId()) : null;
        SettledHosts.Settled before = enabled && !candidate.newClaim() ? standing(host, batch.of(host)) : null;
        batch.stored(candidate.hostId(), host, before == null ? null
                : before.after(candidate.judged(), candidate.replaces(), candidate.observedAt(), lastSeenResolution));
    }

    /**
     * Whether an event of the host, judged so, changes nothing of how the host stands ({@link #standing}); if it stands
     * as an earlier event of the batch leaves it, the batch's {@code record}-th event is settled on that event.
     */
    private boolean unchanged(HostMemo host, InBatchSettlements batch, int record, Map<PortKey, List<Judgement>> judged,
            Replaces replaces, Instant observedAt) {
        InBatchSettlements.StoredHost inBatch = batch.of(host);
        boolean unchanged = SettledHosts.unchanged(standing(host, inBatch), judged, replaces, observedAt);
        if (unchanged && inBatch != null) {
            inBatch.settledOnStored(record);
        }
        return unchanged;
    }

    /** How a host stands: as the batch's stored events leave it ({@code inBatch}, when any), else as it was settled. */
    private SettledHosts.Settled standing(HostMemo host, InBatchSettlements.StoredHost inBatch) {
        return inBatch != null ? inBatch.state() : settled.of(host);
    }

    /**
     * After an event was applied to its host's listeners and judged: every such event must come here, with the
     * judgements it gives {@link #candidate} (unmodifiable: a repeat may bring the very map, recognised by identity).
     * {@code exact}: that the host's listeners are now what its events' elements say, one for one: after a SNAPSHOT,
     * that it holds each listener listed (no two share a socket); after an OPENED or CLOSED, that it left the host and
     * probe as they were, and a CLOSED no listener on its port. Only then may the SNAPSHOT one listener apart that
     * follows an OPENED or CLOSED skip ({@link #skipsApart}).
     */
    public void applied(Optional<SnapshotFingerprint> fingerprint, ListenerEvent event, Map<PortKey, List<Judgement>> judged,
            long generation, boolean exact) {
        if (enabled) {
            snapshots.applied(fingerprint, event, judged, generation, exact);
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

    /** Forgets these hosts (idle, or refused): their next events go to the database. On the judging thread. */
    public void forget(Collection<String> hostIds) {
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
