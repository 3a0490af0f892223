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

    private final SnapshotFingerprint fingerprint = new SnapshotFingerprint("mac-1", AT, new SnapshotFingerprint.Handle());
    private final HostMemos hosts = new HostMemos();
    private final JudgedSnapshots snapshots = new JudgedSnapshots(hosts);

    @Test
    void aSnapshotThatJudgedOnlyItsOwnPortsIsRepeatedWithTheVeryJudgements() {
        Map<PortKey, List<Judgement>> judged = Map.of(EPPC, List.of());
        snapshots.applied(Optional.of(fingerprint), snapshotOf(EPPC), judged, 7, false);

        assertThat(repeated(fingerprint, 7).judged()).isSameAs(judged);
    }

    @Test
    void aSnapshotThatLeftAPortOutIsRepeatedWithItsOwnPortsOnly() {
        Map<PortKey, List<Judgement>> judged = Map.of(EPPC, List.of(), AFP, List.of());
        snapshots.applied(Optional.of(fingerprint), snapshotOf(EPPC), judged, 7, false);

        Map<PortKey, List<Judgement>> repeated = repeated(fingerprint, 7).judged();
        assertThat(repeated).containsOnlyKeys(EPPC);
        assertThat(repeated(fingerprint, 8)).as("another generation").isNull();
    }

    @Test
    void aRepeatReachesItsHostThroughTheHandleItsContentShares() {
        snapshots.applied(Optional.of(fingerprint), snapshotOf(EPPC), Map.of(EPPC, List.of()), 7, false);
        SnapshotFingerprint repeat = new SnapshotFingerprint("mac-1", AT.plusSeconds(60), fingerprint.handle());

        assertThat(repeat.handle().host()).isSameAs(hosts.of("mac-1"));
        assertThat(repeated(repeat, 7)).isNotNull();
    }

    @Test
    void aHandleLeadsNowhereOnceItsHostMovedOnOrWasForgotten() {
        snapshots.applied(Optional.of(fingerprint), snapshotOf(EPPC), Map.of(EPPC, List.of()), 7, false);
        SnapshotFingerprint other = new SnapshotFingerprint("mac-1", AT, new SnapshotFingerprint.Handle());
        snapshots.applied(Optional.of(other), snapshotOf(AFP), Map.of(AFP, List.of()), 7, false);
        assertThat(repeated(fingerprint, 7)).as("the host's last SNAPSHOT has another content").isNull();
        assertThat(repeated(other, 7)).isNotNull();

        snapshots.applied(Optional.empty(), Fixtures.eventAt(AT, ListenerEventType.OPENED, "mac-1",
                Fixtures.listener(EPPC, "0.0.0.0", Exposure.ALL_INTERFACES)), Map.of(EPPC, List.of()), 7, false);
        assertThat(repeated(other, 7)).as("an OPENED changed the host since").isNull();

        snapshots.applied(Optional.of(other), snapshotOf(AFP), Map.of(AFP, List.of()), 7, false);
        hosts.forget("mac-1");
        assertThat(hosts.of("mac-1")).isNull();
        assertThat(repeated(other, 7)).as("a forgotten host, its memo still reached by the handle").isNull();
    }

    @Test
    void forgettingEveryHostKeepsTheirMemosSoTheirNextEventsClearWhatTheHandlesLeadTo() {
        snapshots.applied(Optional.of(fingerprint), snapshotOf(EPPC), Map.of(EPPC, List.of()), 7, false);
        HostMemo memo = fingerprint.handle().host();
        hosts.forgetAll();
        assertThat(repeated(fingerprint, 7)).isNull();
        assertThat(hosts.of("mac-1")).as("kept in the map, cleared").isSameAs(memo);

        // A SNAPSHOT judged while another thread forgot everything may be recorded after the memos were cleared.
        snapshots.applied(Optional.of(fingerprint), snapshotOf(EPPC), Map.of(EPPC, List.of()), 8, false);
        assertThat(fingerprint.handle().host()).isSameAs(hosts.of("mac-1"));
        snapshots.applied(Optional.empty(), Fixtures.eventAt(AT, ListenerEventType.OPENED, "mac-1",
                Fixtures.listener(AFP, "0.0.0.0", Exposure.ALL_INTERFACES)), Map.of(AFP, List.of()), 8, false);
        assertThat(repeated(fingerprint, 8)).as("the host's next event cleared it").isNull();
    }

    /** What a repeat of this fingerprint gets, as the memo asks for it: through the handle (null: no repeat). */
    private static JudgedSnapshots.Repeat repeated(SnapshotFingerprint fingerprint, long generation) {
        HostMemo host = fingerprint.handle().host();
        return host == null ? null : JudgedSnapshots.repeated(host, fingerprint, generation);
    }

    private static ListenerEvent snapshotOf(PortKey port) {
        Listener listener = Fixtures.listener(port, "0.0.0.0", Exposure.ALL_INTERFACES);
        return Fixtures.eventAt(AT, ListenerEventType.SNAPSHOT, "mac-1", listener);
    }
}
