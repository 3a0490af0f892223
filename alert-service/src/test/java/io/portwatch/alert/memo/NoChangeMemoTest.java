package io.portwatch.alert.memo;

import io.portwatch.alert.Fixtures;
import io.portwatch.alert.findings.Judgement;
import io.portwatch.events.finding.Severity;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.ListenerEvent;
import io.portwatch.events.listener.ListenerEventType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link NoChangeMemo#skipsRepeat}: a repeat of a host's last SNAPSHOT, its host reached through the fingerprint's
 * handle, skips the database while the host stands as settled (or as an event stored earlier in its batch leaves it),
 * and never once the host or everything was forgotten.
 */
class NoChangeMemoTest {

    private static final Instant AT = Instant.parse("2026-12-03T10:00:00Z");
    private static final PortKey EPPC = new PortKey(Transport.TCP, 3031);
    private static final PortKey AFP = new PortKey(Transport.TCP, 548);
    private static final Judgement EXPOSED_AFP = Fixtures.exposedAfp(Severity.HIGH);

    private final NoChangeMemo memo = new NoChangeMemo(true, Duration.ofMinutes(5), 1000);
    private final SnapshotFingerprint scanned = new SnapshotFingerprint("mac-1", AT, new SnapshotFingerprint.Handle());
    private final SnapshotFingerprint repeat = new SnapshotFingerprint("mac-1", AT.plusSeconds(60), scanned.handle());
    private final Map<PortKey, List<Judgement>> judged = Map.of(EPPC, List.of());
    /** A SNAPSHOT of 3031 and AFP, and its repeat. */
    private final SnapshotFingerprint withAfp = new SnapshotFingerprint("mac-1", AT.plusSeconds(40), new SnapshotFingerprint.Handle());
    private final SnapshotFingerprint repeatWithAfp = new SnapshotFingerprint("mac-1", AT.plusSeconds(50), withAfp.handle());

    @Test
    void aRepeatSkipsWhileItsHostStandsAsSettled() {
        judgeAndSettle();

        assertThat(skips(repeat)).isTrue();
        assertThat(skips(new SnapshotFingerprint("mac-1", AT.plusSeconds(60), new SnapshotFingerprint.Handle())))
                .as("another content (scanned: a handle of its own)").isFalse();
    }

    @Test
    void aRepeatNeverSkipsOnceEverythingOrItsHostWasForgotten() {
        judgeAndSettle();
        memo.forgetAll();
        assertThat(skips(repeat)).as("everything forgotten").isFalse();

        judgeAndSettle();
        assertThat(skips(repeat)).isTrue();
        memo.forget(Set.of("mac-1"));
        assertThat(skips(repeat)).as("its host forgotten").isFalse();
    }

    @Test
    void aRepeatNeverSkipsOnceAnotherEventChangedItsHost() {
        for (boolean exact : new boolean[] {false, true}) {
            judgeAndSettle();
            ListenerEvent opened = Fixtures.eventAt(AT.plusSeconds(30), ListenerEventType.OPENED, "mac-1",
                    Fixtures.listener(new PortKey(Transport.TCP, 548), "0.0.0.0", Exposure.ALL_INTERFACES));
            // Exact, the OPENED is kept with the SNAPSHOT for the one listener apart that follows: its repeat still changed.
            memo.applied(Optional.empty(), opened, Map.of(), memo.generation(), exact);

            assertThat(skips(repeat)).as("the OPENED %s", exact ? "kept" : "not kept").isFalse();
        }
    }

    @Test
    void aRepeatOfAHostWithAnEventStoredInTheBatchSettlesOnWhatThatEventLeaves() {
        InBatchSettlements batch = openedAfpThenSnapshotOfIt();

        assertThat(memo.skipsRepeat(repeatWithAfp, memo.generation(), batch, 2)).isTrue();
        assertThat(batch.settledAfter("mac-1", 0)).as("settled on the OPENED").containsExactly(1, 2);
    }

    @Test
    void aRepeatInAnotherBatchStandsOnItsHostAsSettled() {
        openedAfpThenSnapshotOfIt();

        assertThat(memo.skipsRepeat(repeatWithAfp, memo.generation(), new InBatchSettlements(), 0))
                .as("AFP was never settled").isFalse();
    }

    @Test
    void aBatchNoLongerLedToOnceJudgedKeepsItsHostsById() {
        InBatchSettlements batch = openedAfpThenSnapshotOfIt();

        batch.endJudging();

        assertThat(memo.skipsRepeat(repeatWithAfp, memo.generation(), batch, 2)).as("its host leads to it no more").isFalse();
        assertThat(batch.hostIds()).containsExactly("mac-1");
        assertThat(batch.settledAfter("mac-1", 0)).containsExactly(1);
    }

    @Test
    void anEventStoredWhileAnotherBatchOfItsHostIsJudgedIsRefused() {
        InBatchSettlements judging = openedAfpThenSnapshotOfIt();
        ListenerEvent closed = Fixtures.eventAt(AT.plusSeconds(60), ListenerEventType.CLOSED, "mac-1", EXPOSED_AFP.listener());

        assertThatThrownBy(() -> memo.stored(memo.candidate(closed, Map.of(AFP, List.of()), false), new InBatchSettlements()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("one batch is judged at a time");
        judging.endJudging();
        InBatchSettlements next = new InBatchSettlements();
        memo.stored(memo.candidate(closed, Map.of(AFP, List.of()), false), next);
        assertThat(next.hostIds()).as("once that batch is judged").containsExactly("mac-1");
    }

    /**
     * The host settled with 3031 alone, then a batch judged in which it opens AFP (stored) and SNAPSHOTs both (the
     * batch's record 1, found unchanged on what the OPENED leaves): its repeat is {@link #repeatWithAfp}.
     */
    private InBatchSettlements openedAfpThenSnapshotOfIt() {
        judgeAndSettle();
        long generation = memo.generation();
        InBatchSettlements batch = new InBatchSettlements();
        ListenerEvent opened = Fixtures.eventAt(AT.plusSeconds(30), ListenerEventType.OPENED, "mac-1", EXPOSED_AFP.listener());
        memo.applied(Optional.empty(), opened, Map.of(AFP, List.of(EXPOSED_AFP)), generation, false);
        memo.stored(memo.candidate(opened, Map.of(AFP, List.of(EXPOSED_AFP)), false), batch);
        Map<PortKey, List<Judgement>> both = Map.of(EPPC, List.of(), AFP, List.of(EXPOSED_AFP));
        ListenerEvent snapshot = Fixtures.eventAt(withAfp.observedAt(), ListenerEventType.SNAPSHOT, "mac-1",
                Fixtures.listener(EPPC, "0.0.0.0", Exposure.ALL_INTERFACES), EXPOSED_AFP.listener());
        memo.applied(Optional.of(withAfp), snapshot, both, generation, false);
        assertThat(memo.skips(memo.candidate(snapshot, both, false), batch, 1)).as("the SNAPSHOT, decoded").isTrue();
        return batch;
    }

    /** The SNAPSHOT judged, then its reconciliation settled, as a stored batch leaves them. */
    private void judgeAndSettle() {
        long generation = memo.generation();
        ListenerEvent snapshot = Fixtures.eventAt(AT, ListenerEventType.SNAPSHOT, "mac-1",
                Fixtures.listener(EPPC, "0.0.0.0", Exposure.ALL_INTERFACES));
        memo.applied(Optional.of(scanned), snapshot, judged, generation, true);
        Instant until = AT.plus(Duration.ofMinutes(5));
        memo.settle(generation, List.of(new Settlement("mac-1", judged, Set.of(), Map.of(EPPC, until), until)));
    }

    private boolean skips(SnapshotFingerprint fingerprint) {
        return memo.skipsRepeat(fingerprint, memo.generation(), new InBatchSettlements(), 0);
    }
}
