package io.portwatch.alert.memo;

import io.portwatch.alert.Fixtures;
import io.portwatch.alert.findings.Judgement;
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

/**
 * {@link NoChangeMemo#skipsRepeat}: a repeat of a host's last SNAPSHOT, its host reached through the fingerprint's
 * handle, skips the database while the host stands as settled, and never once the host or everything was forgotten.
 */
class NoChangeMemoTest {

    private static final Instant AT = Instant.parse("2026-12-03T10:00:00Z");
    private static final PortKey EPPC = new PortKey(Transport.TCP, 3031);
    private static final SnapshotFingerprint.Content CONTENT = new SnapshotFingerprint.Content(1, 2);

    private final NoChangeMemo memo = new NoChangeMemo(true, Duration.ofMinutes(5));
    private final SnapshotFingerprint scanned = new SnapshotFingerprint("mac-1", AT, CONTENT, new SnapshotFingerprint.Handle());
    private final SnapshotFingerprint repeat = new SnapshotFingerprint("mac-1", AT.plusSeconds(60), CONTENT, scanned.handle());
    private final Map<PortKey, List<Judgement>> judged = Map.of(EPPC, List.of());

    @Test
    void aRepeatSkipsWhileItsHostStandsAsSettled() {
        judgeAndSettle();

        assertThat(skips(repeat)).isTrue();
        assertThat(skips(new SnapshotFingerprint("mac-1", AT.plusSeconds(60), new SnapshotFingerprint.Content(3, 4),
                scanned.handle()))).as("another content").isFalse();
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
        judgeAndSettle();
        ListenerEvent opened = Fixtures.eventAt(AT.plusSeconds(30), ListenerEventType.OPENED, "mac-1",
                Fixtures.listener(new PortKey(Transport.TCP, 548), "0.0.0.0", Exposure.ALL_INTERFACES));
        memo.applied(Optional.empty(), opened, Map.of(), memo.generation());

        assertThat(skips(repeat)).isFalse();
    }

    /** The SNAPSHOT judged, then its reconciliation settled, as a stored batch leaves them. */
    private void judgeAndSettle() {
        long generation = memo.generation();
        ListenerEvent snapshot = Fixtures.eventAt(AT, ListenerEventType.SNAPSHOT, "mac-1",
                Fixtures.listener(EPPC, "0.0.0.0", Exposure.ALL_INTERFACES));
        memo.applied(Optional.of(scanned), snapshot, judged, generation);
        Instant until = AT.plus(Duration.ofMinutes(5));
        memo.settle(generation, List.of(new Settlement("mac-1", judged, Set.of(), Map.of(EPPC, until), until)));
    }

    private boolean skips(SnapshotFingerprint fingerprint) {
        return memo.skipsRepeat(fingerprint, memo.generation(), new InBatchSettlements(), 0);
    }
}
