package io.portwatch.alert.memo;

import io.portwatch.alert.Fixtures;
import io.portwatch.alert.findings.Judgement;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.ListenerEvent;
import io.portwatch.events.listener.ListenerEventType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link JudgedSnapshots}: a repeat brings the judgements of its SNAPSHOT's own ports, and when the SNAPSHOT judged
 * no other port, the very map it was judged with, so that the memo, having found that map unchanged, recognises the
 * repeat's by identity instead of comparing them again.
 */
class JudgedSnapshotsTest {

    private static final Instant AT = Instant.parse("2026-11-26T10:00:00Z");
    private static final PortKey EPPC = new PortKey(Transport.TCP, 3031);
    private static final PortKey AFP = new PortKey(Transport.TCP, 548);
    private static final SnapshotFingerprint FINGERPRINT = new SnapshotFingerprint("mac-1", AT, new SnapshotFingerprint.Content(1, 2));

    private final JudgedSnapshots snapshots = new JudgedSnapshots();

    @Test
    void aSnapshotThatJudgedOnlyItsOwnPortsIsRepeatedWithTheVeryJudgements() {
        Map<PortKey, List<Judgement>> judged = Map.of(EPPC, List.of());
        snapshots.applied(Optional.of(FINGERPRINT), snapshotOf(EPPC), judged, 7);

        assertThat(snapshots.ofRepeat(FINGERPRINT, 7).orElseThrow().judged()).isSameAs(judged);
    }

    @Test
    void aSnapshotThatLeftAPortOutIsRepeatedWithItsOwnPortsOnly() {
        Map<PortKey, List<Judgement>> judged = Map.of(EPPC, List.of(), AFP, List.of());
        snapshots.applied(Optional.of(FINGERPRINT), snapshotOf(EPPC), judged, 7);

        Map<PortKey, List<Judgement>> repeated = snapshots.ofRepeat(FINGERPRINT, 7).orElseThrow().judged();
        assertThat(repeated).containsOnlyKeys(EPPC);
        assertThat(snapshots.ofRepeat(FINGERPRINT, 8)).as("another generation").isEmpty();
    }

    private static ListenerEvent snapshotOf(PortKey port) {
        Listener listener = Fixtures.listener(port, "0.0.0.0", Exposure.ALL_INTERFACES);
        return Fixtures.eventAt(AT, ListenerEventType.SNAPSHOT, "mac-1", listener);
    }
}
