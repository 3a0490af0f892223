package io.portwatch.alert.memo;

import io.portwatch.alert.Fixtures;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.ListenerEvent;
import io.portwatch.events.listener.ListenerEventType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SnapshotFingerprintTest {

    private static final Instant AT = Instant.parse("2026-11-26T10:00:00.123Z");
    private static final Listener EPPC = Fixtures.listener(new PortKey(Transport.TCP, 3031), "0.0.0.0", Exposure.ALL_INTERFACES);
    private static final Listener AFP = Fixtures.listener(new PortKey(Transport.TCP, 548), "0.0.0.0", Exposure.ALL_INTERFACES);

    private SnapshotFingerprint.Scanned scanned(ListenerEvent event) {
        return read(EventJson.toBytes(event)).orElseThrow();
    }

    @Test
    void readsHostAndObservedAtOfASnapshotWithoutDecodingIt() {
        SnapshotFingerprint fingerprint = read(snapshot(AT, "mac-1", EPPC)).orElseThrow().fingerprint();

        assertThat(fingerprint.hostId()).isEqualTo("mac-1");
        assertThat(fingerprint.observedAt()).isEqualTo(AT);
    }

    @Test
    void repeatsDifferingOnlyInEventIdAndObservedAtHaveTheSameContent() {
        SnapshotFingerprint.Scanned first = read(snapshot(AT, "mac-1", EPPC, AFP)).orElseThrow();
        SnapshotFingerprint.Scanned repeat = read(snapshot(AT.plusSeconds(60), "mac-1", EPPC, AFP)).orElseThrow();

        assertThat(repeat.content()).isEqualTo(first.content());
        assertThat(repeat.layout()).isEqualTo(first.layout());
        assertThat(repeat.fingerprint().observedAt()).isEqualTo(AT.plusSeconds(60));
    }

    @Test
    void aScopedSnapshotNeverHasTheContentOfAWholeOneOrOfAnotherScope() {
        Instant later = AT.plusSeconds(60);
        SnapshotFingerprint.Scanned whole = scanned(Fixtures.scan(AT, "lab", "10.1.2.3", null, EPPC));
        SnapshotFingerprint.Scanned scoped = scanned(Fixtures.scan(AT, "lab", "10.1.2.3", Fixtures.tcpScope("1-4000"), EPPC));

        assertThat(scoped.content()).isNotEqualTo(whole.content());
        assertThat(scanned(Fixtures.scan(AT, "lab", "10.1.2.3", Fixtures.tcpScope("1-3031"), EPPC)).content())
                .as("another scope").isNotEqualTo(scoped.content());
        assertThat(scanned(Fixtures.scan(later, "lab", "10.1.2.3", Fixtures.tcpScope("1-4000"), EPPC)).content())
                .as("the same scan later").isEqualTo(scoped.content());
    }

    @Test
    void anyOtherDifferenceIsAnotherContent() {
        SnapshotFingerprint.Scanned base = read(snapshot(AT, "mac-1", EPPC, AFP)).orElseThrow();

        assertThat(read(snapshot(AT, "mac-1", EPPC)).orElseThrow().content()).as("a listener fewer").isNotEqualTo(base.content());
        assertThat(read(snapshot(AT, "mac-1", AFP, EPPC)).orElseThrow().content()).as("another order").isNotEqualTo(base.content());
        assertThat(read(snapshot(AT, "mac-1", EPPC, Fixtures.owned(AFP, "AppleFileServer"))).orElseThrow().content())
                .as("the last listener's owner").isNotEqualTo(base.content());
        assertThat(read(snapshot(AT, "mac-2", EPPC, AFP)).orElseThrow().content()).as("another host").isNotEqualTo(base.content());
        String json = new String(snapshot(AT, "mac-1", EPPC, AFP), StandardCharsets.UTF_8);
        assertThat(read(json.replace("\"zone\":\"test\"", "\"zone\":\"other\"")).orElseThrow().content())
                .as("the probe's zone").isNotEqualTo(base.content());
        assertThat(read(json.substring(0, json.length() - 1) + ",\"extra\":1}").orElseThrow().content())
                .as("a field more").isNotEqualTo(base.content());
    }

    @Test
    void onlySnapshotsReadWithCertaintyHaveOne() {
        String json = new String(snapshot(AT, "mac-1", EPPC), StandardCharsets.UTF_8);

        assertThat(read(EventJson.toBytes(Fixtures.eventAt(AT, ListenerEventType.OPENED, "mac-1", EPPC)))).as("OPENED").isEmpty();
        assertThat(read(json.replace("\"observedAt\":\"", "\"observedAt\":\"yesterday "))).as("not an instant").isEmpty();
        assertThat(read(json.replace("\"id\":\"mac-1\"", "\"id\":42"))).as("a host id not a string").isEmpty();
        assertThat(read(json.substring(0, json.length() - 1) + ",\"type\":\"SNAPSHOT\"}")).as("a field twice").isEmpty();
        assertThat(read(json.substring(0, json.length() - 5))).as("cut short").isEmpty();
        assertThat(read("[]")).isEmpty();
    }

    @Test
    void aContentsSizeCountsTheOffsetsOfItsElements() {
        assertThat(new SnapshotFingerprint.Content(new byte[10], 1, 2, null).size()).isEqualTo(10);
        assertThat(new SnapshotFingerprint.Content(new byte[10], 1, 2, new int[] {3, 6, 9}).size()).isEqualTo(10 + 3 * Integer.BYTES);
    }

    @Test
    void contentsAreEqualByTheirBytesAndWhereTheValuesWereCut() {
        SnapshotFingerprint.Content content = new SnapshotFingerprint.Content(new byte[] {1, 2, 3}, 1, 2, null);
        assertThat(content).isEqualTo(new SnapshotFingerprint.Content(new byte[] {1, 2, 3}, 1, 2, null))
                .hasSameHashCodeAs(new SnapshotFingerprint.Content(new byte[] {1, 2, 3}, 1, 2, null));
        assertThat(content).as("another byte").isNotEqualTo(new SnapshotFingerprint.Content(new byte[] {1, 2, 4}, 1, 2, null));
        assertThat(content).as("the same bytes, cut elsewhere").isNotEqualTo(new SnapshotFingerprint.Content(new byte[] {1, 2, 3}, 0, 2, null))
                .isNotEqualTo(new SnapshotFingerprint.Content(new byte[] {1, 2, 3}, 1, 3, null));
    }

    @Test
    void onlyAContentWithinTheSizeScannedForAndWithAnEventIdIsKeptForRepeats() {
        byte[] json = snapshot(AT, "mac-1", EPPC, AFP);
        SnapshotFingerprint.Scanned whole = read(json).orElseThrow();
        int size = json.length - (36 + 2) - (AT.toString().length() + 2);
        assertThat(whole.content()).isEqualTo(SnapshotFingerprint.scan(json, 0, json.length, size).orElseThrow().content());

        SnapshotFingerprint.Scanned over = SnapshotFingerprint.scan(json, 0, json.length, size - 1).orElseThrow();
        assertThat(over.fingerprint().hostId()).as("still read").isEqualTo("mac-1");
        assertThat(over.content()).as("a byte over").isNull();
        assertThat(over.layout()).isNull();
        String text = new String(json, StandardCharsets.UTF_8);
        String withoutEventId = text.replaceFirst("\"eventId\":\"[^\"]*\",", "");
        SnapshotFingerprint.Scanned noEventId = read(withoutEventId).orElseThrow();
        assertThat(noEventId.content()).as("no eventId: a record that breaks the contract, never a repeat").isNull();
    }

    private static byte[] snapshot(Instant observedAt, String hostId, Listener... listeners) {
        ListenerEvent event = Fixtures.eventAt(observedAt, ListenerEventType.SNAPSHOT, hostId, listeners);
        return EventJson.toBytes(event);
    }

    private Optional<SnapshotFingerprint.Scanned> read(String json) {
        return read(json.getBytes(StandardCharsets.UTF_8));
    }

    private Optional<SnapshotFingerprint.Scanned> read(byte[] json) {
        return SnapshotFingerprint.scan(json, 0, json.length, Integer.MAX_VALUE);
    }
}
