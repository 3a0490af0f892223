package io.portwatch.alert.memo;

import io.portwatch.alert.Fixtures;
import io.portwatch.events.contract.ContractLimits;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.ListenerEvent;
import io.portwatch.events.listener.ListenerEventType;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SnapshotFingerprints}: a repeat is read from its two values and the remembered content, not scanned (its
 * host id is the very string the scan of the first read), and whatever a producer puts in those values, or around
 * them, the fingerprint is the one a scan reads.
 */
class SnapshotFingerprintsTest {

    private static final Instant AT = Instant.parse("2026-11-26T10:00:00.123Z");
    private static final Listener EPPC = Fixtures.listener(new PortKey(Transport.TCP, 3031), "0.0.0.0", Exposure.ALL_INTERFACES);
    private static final Listener AFP = Fixtures.listener(new PortKey(Transport.TCP, 548), "0.0.0.0", Exposure.ALL_INTERFACES);
    private static final Listener ARD = Fixtures.listener(new PortKey(Transport.UDP, 3283), "0.0.0.0", Exposure.ALL_INTERFACES);
    private static final String EVENT_ID = "11111111-2222-3333-4444-555555555555";
    private static final Pattern HOST_ID = Pattern.compile("\"host\":\\{\"id\":\"([^\"\\\\]*)\"");

    /** How many values {@link #inRecord} laid out: each at another offset. */
    private int reads;

    @Test
    void aRepeatIsReadFromItsTwoValuesAsTheScanReadsIt() {
        SnapshotFingerprints fingerprints = new SnapshotFingerprints();
        SnapshotFingerprint first = read(fingerprints, snapshot("mac-1", EVENT_ID, AT.toString())).orElseThrow();
        for (String observedAt : List.of("2026-11-26T10:01:00.456Z", "2026-11-26T10:02:00Z", "2026-11-26T10:03:00.123456789Z")) {
            byte[] repeat = snapshot("mac-1", "aaaaaaaa-2222-3333-4444-555555555555", observedAt);
            SnapshotFingerprint read = read(fingerprints, repeat).orElseThrow();
            assertThat(said(read)).isEqualTo(said(scan(repeat).orElseThrow()));
            assertThat(read.observedAt()).isEqualTo(Instant.parse(observedAt));
            assertThat(read.hostId()).as("not scanned: the host id the first scan read").isSameAs(first.hostId());
            assertThat(read.handle()).as("the handle of the content scanned").isSameAs(first.handle());
        }
    }

    @Test
    void aValueInTheMiddleOfARecordBufferIsReadInPlaceAsTheSameBytesAlone() {
        byte[] json = snapshot("mac-1", EVENT_ID, AT.toString());
        byte[] repeat = snapshot("mac-1", "aaaaaaaa-2222-3333-4444-555555555555", AT.plusSeconds(60).toString());
        SnapshotFingerprints fingerprints = new SnapshotFingerprints();
        ByteBuffer value = inRecord(json);
        int position = value.position();
        SnapshotFingerprint first = fingerprints.read("mac-1", value).orElseThrow();
        SnapshotFingerprint read = fingerprints.read("mac-1", inRecord(repeat)).orElseThrow();

        assertThat(value.position()).as("the buffer is left as it was").isEqualTo(position);
        assertThat(value.remaining()).isEqualTo(json.length);
        assertThat(said(first)).isEqualTo(said(new SnapshotFingerprints().read("mac-1", ByteBuffer.wrap(json)).orElseThrow()));
        assertThat(said(read)).isEqualTo(said(new SnapshotFingerprints().read("mac-1", ByteBuffer.wrap(repeat)).orElseThrow()));
        assertThat(read.hostId()).as("a repeat, not scanned").isSameAs(first.hostId());
        assertThat(new SnapshotFingerprints().read("mac-1", ByteBuffer.wrap(json).asReadOnlyBuffer()).map(SnapshotFingerprintsTest::said))
                .as("a buffer without an accessible array").contains(said(first));
    }

    @Test
    void anEventIdAfterObservedAtIsFoundToo() {
        SnapshotFingerprints fingerprints = new SnapshotFingerprints();
        SnapshotFingerprint first = read(fingerprints, eventIdLast(snapshot("mac-1", EVENT_ID, AT.toString()))).orElseThrow();
        byte[] repeat = eventIdLast(snapshot("mac-1", "another-event", AT.plusSeconds(60).toString()));
        SnapshotFingerprint read = read(fingerprints, repeat).orElseThrow();
        assertThat(said(read)).isEqualTo(said(scan(repeat).orElseThrow()));
        assertThat(read.hostId()).isSameAs(first.hostId());
    }

    @Test
    void aRepeatsEventIdIsHeldToTheContractInItsBytesWhereverItStands() {
        List<String> withinContract = List.of("x", "  x  ", "~", "a b", "a".repeat(255));
        List<String> blank = List.of("", " ", "   ", " ".repeat(255));
        for (boolean eventIdLast : List.of(false, true)) {
            byte[] base = inOrder(snapshot("mac-1", EVENT_ID, AT.toString()), eventIdLast);
            for (String eventId : withinContract) {
                SnapshotFingerprints fingerprints = new SnapshotFingerprints();
                SnapshotFingerprint first = read(fingerprints, base).orElseThrow();
                byte[] json = inOrder(snapshot("mac-1", eventId, AT.plusSeconds(1).toString()), eventIdLast);
                assertThat(read(fingerprints, json).map(SnapshotFingerprint::handle)).as("a repeat: eventId '%s', last %s", eventId, eventIdLast)
                        .contains(first.handle());
            }
            for (String eventId : blank) {
                byte[] json = inOrder(snapshot("mac-1", eventId, AT.plusSeconds(1).toString()), eventIdLast);
                assertThat(scan(json)).as("the scan refuses eventId '%s'", eventId).isEmpty();
                assertThat(afterScanning(base, json)).as("so does the repeat: eventId '%s', last %s", eventId, eventIdLast).isEmpty();
            }
        }
    }

    @Test
    void whateverAProducerPutsInOrAroundTheTwoValuesTheFingerprintIsTheScans() {
        List<String> eventIds = List.of("", "   ", "a".repeat(255), "a".repeat(256), "x\",\"type\":\"OPENED", "x\",\"eventId\":\"y",
                "a\\\"b", "a\\u0022b", "a\\\\", "caf\u00e9", "tab\tinside", "bell\u0007", "x\"}", "\",\"host\":{\"id\":\"mac-2\"},\"x\":\"");
        List<String> observedAts = List.of("yesterday", "", "2026-11-26T10:00:00.123Z\",\"observedAt\":\"2026-11-27T10:00:00Z",
                "2026-11-26T10:00:00\\u002e123Z", "2026-11-26T10:00:00.123+01:00", "2026-11-26 10:00:00Z", "9".repeat(300));
        byte[] base = snapshot("mac-1", EVENT_ID, AT.toString());
        for (String eventId : eventIds) {
            byte[] json = snapshot("mac-1", eventId, AT.plusSeconds(1).toString());
            assertThat(said(afterScanning(base, json))).as("eventId %s", eventId).isEqualTo(said(scan(json)));
        }
        for (String observedAt : observedAts) {
            byte[] json = snapshot("mac-1", EVENT_ID, observedAt);
            assertThat(said(afterScanning(base, json))).as("observedAt %s", observedAt).isEqualTo(said(scan(json)));
        }
        String text = new String(base, StandardCharsets.UTF_8);
        List<String> around = List.of(text.replace("\"id\":\"mac-1\"", "\"id\":\"mac-2\""), text.replace("mac-1", "mac-2"),
                text.replace("\"SNAPSHOT\"", "\"OPENED\""), text.replace("{\"eventId\"", "{ \"eventId\""),
                // The same lengths, a byte changed before the two values and between them.
                text.replace("{\"eventId\"", "{\"eventIe\""), text.replace("\"SNAPSHOT\"", "\"SNAPSHOX\""),
                text.replace("\"observedAt\":", "\"observedAt\" :"), text.substring(0, text.length() - 1) + ",\"eventId\":\"again\"}",
                text.replace("\"eventId\":\"" + EVENT_ID + "\",", ""), text.substring(0, text.length() - 2), "[]", "\"" + EVENT_ID + "\"");
        for (String json : around) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            for (String key : List.of("mac-1", "mac-2")) {
                SnapshotFingerprints fingerprints = new SnapshotFingerprints();
                SnapshotFingerprint first = read(fingerprints, base).orElseThrow();
                // Another host's content, unlike each of these (its listeners differ).
                SnapshotFingerprint other = read(fingerprints, snapshot("mac-2", EVENT_ID, AT.toString(), EPPC)).orElseThrow();
                Optional<SnapshotFingerprint> read = fingerprints.read(key, inRecord(bytes));
                assertThat(said(read)).as("%s keyed %s", json, key).isEqualTo(said(scan(bytes)));
                assertThat(read.map(SnapshotFingerprint::handle)).as("not a repeat: %s keyed %s", json, key)
                        .isNotEqualTo(Optional.of(first.handle())).isNotEqualTo(Optional.of(other.handle()));
            }
        }
        assertThat(new SnapshotFingerprints().read("mac-1", null)).isEmpty();
    }

    @Test
    void aRecordKeyedByAnotherHostIsComparedWithThatHostsContentAndScanned() {
        SnapshotFingerprints fingerprints = new SnapshotFingerprints();
        SnapshotFingerprint mac1 = read(fingerprints, snapshot("mac-1", EVENT_ID, AT.toString())).orElseThrow();
        read(fingerprints, snapshot("mac-2", EVENT_ID, AT.toString())).orElseThrow();
        byte[] changed = snapshot("mac-1", "e-2", AT.plusSeconds(60).toString(), EPPC);
        SnapshotFingerprint keyedAsMac2 = fingerprints.read("mac-2", inRecord(changed)).orElseThrow();
        assertThat(keyedAsMac2.hostId()).as("what the bytes say, for the gate to hold against the key").isEqualTo("mac-1");
        assertThat(keyedAsMac2.handle()).as("scanned").isNotSameAs(mac1.handle());
        assertThat(read(fingerprints, snapshot("mac-1", "e-3", AT.plusSeconds(90).toString())).orElseThrow().handle())
                .as("the host's own content, not replaced by a record keyed by another host").isSameAs(mac1.handle());
        assertThat(fingerprints.read(null, inRecord(snapshot("mac-1", "e-4", AT.plusSeconds(120).toString()))).orElseThrow().handle())
                .as("no key: scanned").isNotSameAs(mac1.handle());
    }

    @Test
    void eachHostsContentIsReadWhereItsOwnValuesWere() {
        SnapshotFingerprints fingerprints = new SnapshotFingerprints();
        List<byte[]> firsts = List.of(hostIdFirst(snapshot("mac-1", EVENT_ID, AT.toString())),
                hostIdFirst(snapshot("a-much-longer-host-id", EVENT_ID, AT.toString())),
                withProbe(snapshot("mac-3", EVENT_ID, AT.toString()), "probe-of-mac-3-with-a-long-id"),
                snapshot("mac-4", EVENT_ID, AT.toString()));
        List<SnapshotFingerprint> scanned = firsts.stream().map(json -> read(fingerprints, json).orElseThrow()).toList();
        // Interleaved, as a partition interleaves its hosts' probes: each repeat is found with its own host's layout.
        for (int index = 0; index < firsts.size(); index++) {
            String text = new String(firsts.get(index), StandardCharsets.UTF_8);
            byte[] repeat = text.replace(EVENT_ID, "another-event").replace(AT.toString(), AT.plusSeconds(60).toString())
                    .getBytes(StandardCharsets.UTF_8);
            SnapshotFingerprint read = read(fingerprints, repeat).orElseThrow();
            assertThat(said(read)).isEqualTo(said(scan(repeat).orElseThrow()));
            assertThat(read.handle()).as("a repeat of %s", scanned.get(index).hostId()).isSameAs(scanned.get(index).handle());
        }
    }

    @Test
    void aDocumentInUtf16OrUtf32IsLeftToTheDecoder() {
        SnapshotFingerprints fingerprints = new SnapshotFingerprints();
        read(fingerprints, snapshot("mac-1", EVENT_ID, AT.toString())).orElseThrow();
        String json = new String(snapshot("mac-1", EVENT_ID, AT.plusSeconds(1).toString()), StandardCharsets.UTF_8);
        for (String charset : List.of("UTF-16LE", "UTF-16BE", "UTF-16", "UTF-32LE", "UTF-32BE")) {
            byte[] bytes = json.getBytes(Charset.forName(charset));
            // Jackson reads these by characters, without byte offsets to leave the two values out of the content.
            assertThat(fingerprints.read("mac-1", inRecord(bytes))).as(charset).isEmpty();
            assertThat(EventJson.fromBytes(bytes, ListenerEvent.class).host().id()).as(charset).isEqualTo("mac-1");
        }
    }

    @Test
    void aHostIdLongerThanTheContractAllowsIsNeverRemembered() {
        SnapshotFingerprints fingerprints = new SnapshotFingerprints();
        String hostId = "h".repeat(ContractLimits.NAME + 1);
        SnapshotFingerprint first = read(fingerprints, snapshot(hostId, EVENT_ID, AT.toString())).orElseThrow();
        SnapshotFingerprint repeat = read(fingerprints, snapshot(hostId, EVENT_ID, AT.plusSeconds(60).toString())).orElseThrow();
        assertThat(repeat.hostId()).as("scanned again").isEqualTo(first.hostId()).isNotSameAs(first.hostId());
    }

    @Test
    void remembersTheLastHostsScannedAndScansRepeatsOfOlderOnes() {
        SnapshotFingerprints fingerprints = new SnapshotFingerprints();
        SnapshotFingerprint oldest = read(fingerprints, snapshot("host-0", EVENT_ID, AT.toString())).orElseThrow();
        SnapshotFingerprint newest = oldest;
        for (int host = 1; host <= SnapshotFingerprints.REMEMBERED; host++) {
            newest = read(fingerprints, snapshot("host-" + host, EVENT_ID, AT.toString())).orElseThrow();
        }
        String later = AT.plusSeconds(60).toString();
        assertThat(read(fingerprints, snapshot(newest.hostId(), EVENT_ID, later)).orElseThrow().hostId()).isSameAs(newest.hostId());
        SnapshotFingerprint rescanned = read(fingerprints, snapshot("host-0", EVENT_ID, later)).orElseThrow();
        assertThat(rescanned.hostId()).as("scanned again: forgotten").isNotSameAs(oldest.hostId());
        assertThat(rescanned.handle()).as("a new handle, to be attached when judged").isNotSameAs(oldest.handle());
    }

    @Test
    void aHostsEarlierContentIsForgottenWhenANewOneIsScanned() {
        SnapshotFingerprints fingerprints = new SnapshotFingerprints();
        SnapshotFingerprint before = read(fingerprints, snapshot("mac-1", EVENT_ID, AT.toString())).orElseThrow();
        SnapshotFingerprint otherHost = read(fingerprints, snapshot("mac-2", EVENT_ID, AT.toString())).orElseThrow();
        // More than one listener apart: scanned (OneListenerApartTest has those one apart).
        SnapshotFingerprint changed = read(fingerprints, snapshot("mac-1", EVENT_ID, AT.toString(), ARD)).orElseThrow();
        assertThat(changed.handle()).isNotSameAs(before.handle());

        String later = AT.plusSeconds(60).toString();
        assertThat(read(fingerprints, snapshot("mac-1", EVENT_ID, later, ARD)).orElseThrow().hostId())
                .as("a repeat of the host's last content").isSameAs(changed.hostId());
        assertThat(read(fingerprints, snapshot("mac-2", EVENT_ID, later)).orElseThrow().hostId())
                .as("another host's content stays").isSameAs(otherHost.hostId());
        SnapshotFingerprint back = read(fingerprints, snapshot("mac-1", EVENT_ID, later)).orElseThrow();
        assertThat(back.hostId()).as("the host's earlier content, scanned again").isNotSameAs(before.hostId());
        assertThat(back.handle()).isNotSameAs(before.handle());
    }

    @Test
    void aHostWhoseContentChangedIsTheLastToBeForgotten() {
        SnapshotFingerprints fingerprints = new SnapshotFingerprints();
        read(fingerprints, snapshot("host-0", EVENT_ID, AT.toString())).orElseThrow();
        SnapshotFingerprint eldest = read(fingerprints, snapshot("host-1", EVENT_ID, AT.toString())).orElseThrow();
        for (int host = 2; host < SnapshotFingerprints.REMEMBERED; host++) {
            read(fingerprints, snapshot("host-" + host, EVENT_ID, AT.toString())).orElseThrow();
        }
        SnapshotFingerprint changed = read(fingerprints, snapshot("host-0", EVENT_ID, AT.toString(), EPPC)).orElseThrow();
        read(fingerprints, snapshot("host-" + SnapshotFingerprints.REMEMBERED, EVENT_ID, AT.toString())).orElseThrow();

        String later = AT.plusSeconds(60).toString();
        assertThat(read(fingerprints, snapshot("host-0", EVENT_ID, later, EPPC)).orElseThrow().hostId())
                .as("remembered: its content changed after the others were scanned").isSameAs(changed.hostId());
        assertThat(read(fingerprints, snapshot("host-1", EVENT_ID, later)).orElseThrow().hostId())
                .as("the eldest, forgotten").isNotSameAs(eldest.hostId());
    }

    @Test
    void oneHostsFloodOfContentsForgetsNoOtherHostsContent() {
        SnapshotFingerprints fingerprints = new SnapshotFingerprints();
        SnapshotFingerprint other = read(fingerprints, snapshot("mac-2", EVENT_ID, AT.toString())).orElseThrow();
        for (int port = 0; port < SnapshotFingerprints.REMEMBERED; port++) {
            Listener listener = Fixtures.listener(new PortKey(Transport.TCP, port), "0.0.0.0", Exposure.ALL_INTERFACES);
            read(fingerprints, snapshot("mac-1", EVENT_ID, AT.toString(), listener)).orElseThrow();
        }
        assertThat(read(fingerprints, snapshot("mac-2", EVENT_ID, AT.plusSeconds(60).toString())).orElseThrow().hostId())
                .as("still remembered after %d contents of another host", SnapshotFingerprints.REMEMBERED).isSameAs(other.hostId());
    }

    @Test
    void rememberedContentsStayWithinTheirBytes() {
        SnapshotFingerprints fingerprints = new SnapshotFingerprints();
        String padding = "x".repeat(SnapshotFingerprints.LARGEST_REMEMBERED / 2);
        SnapshotFingerprint eldest = read(fingerprints, padded(snapshot("host-0", EVENT_ID, AT.toString()), padding)).orElseThrow();
        int hosts = 2 * SnapshotFingerprints.REMEMBERED_BYTES / padding.length();
        SnapshotFingerprint youngest = eldest;
        for (int host = 1; host < hosts; host++) {
            youngest = read(fingerprints, padded(snapshot("host-" + host, EVENT_ID, AT.toString()), padding)).orElseThrow();
        }
        String later = AT.plusSeconds(60).toString();
        assertThat(read(fingerprints, padded(snapshot(youngest.hostId(), EVENT_ID, later), padding)).orElseThrow().handle())
                .as("the youngest, remembered").isSameAs(youngest.handle());
        assertThat(read(fingerprints, padded(snapshot("host-0", EVENT_ID, later), padding)).orElseThrow().handle())
                .as("the eldest, forgotten past %d bytes", SnapshotFingerprints.REMEMBERED_BYTES).isNotSameAs(eldest.handle());

        String tooLarge = "x".repeat(SnapshotFingerprints.LARGEST_REMEMBERED);
        SnapshotFingerprint large = read(fingerprints, padded(snapshot("mac-1", EVENT_ID, AT.toString()), tooLarge)).orElseThrow();
        assertThat(read(fingerprints, padded(snapshot("mac-1", EVENT_ID, later), tooLarge)).orElseThrow())
                .as("a content over %d bytes is never remembered", SnapshotFingerprints.LARGEST_REMEMBERED)
                .satisfies(read -> assertThat(read.hostId()).isEqualTo(large.hostId()))
                .satisfies(read -> assertThat(read.handle()).isNotSameAs(large.handle()));
    }

    @Test
    void aHostsReplacedContentsGiveBackTheirBytes() {
        SnapshotFingerprints fingerprints = new SnapshotFingerprints();
        SnapshotFingerprint other = read(fingerprints, snapshot("mac-2", EVENT_ID, AT.toString())).orElseThrow();
        String padding = "x".repeat(SnapshotFingerprints.LARGEST_REMEMBERED / 2);
        int contents = 2 * SnapshotFingerprints.REMEMBERED_BYTES / padding.length();
        for (int content = 0; content < contents; content++) {
            read(fingerprints, padded(snapshot("mac-1", EVENT_ID, AT.toString()), padding + content)).orElseThrow();
        }
        assertThat(read(fingerprints, snapshot("mac-2", EVENT_ID, AT.plusSeconds(60).toString())).orElseThrow().handle())
                .as("remembered after %d of another host's contents, %d bytes in all", contents, contents * padding.length())
                .isSameAs(other.handle());
    }

    /** What a fingerprint says of its SNAPSHOT, without the handle the memo finds its host by. */
    private static List<Object> said(SnapshotFingerprint fingerprint) {
        return List.of(fingerprint.hostId(), fingerprint.observedAt());
    }

    private static Optional<List<Object>> said(Optional<SnapshotFingerprint> fingerprint) {
        return fingerprint.map(SnapshotFingerprintsTest::said);
    }

    /** A SNAPSHOT's JSON with the given values written as they are (not escaped: a producer's raw bytes). */
    private static byte[] snapshot(String hostId, String eventId, String observedAt) {
        return snapshot(hostId, eventId, observedAt, EPPC, AFP);
    }

    /** The same, of these listeners. */
    private static byte[] snapshot(String hostId, String eventId, String observedAt, Listener... listeners) {
        String json = new String(EventJson.toBytes(Fixtures.eventAt(AT, ListenerEventType.SNAPSHOT, hostId, listeners)), StandardCharsets.UTF_8);
        String generatedId = json.substring(json.indexOf("\"eventId\":\"") + 11, json.indexOf('"', json.indexOf("\"eventId\":\"") + 11));
        return json.replace("\"eventId\":\"" + generatedId + "\"", "\"eventId\":\"" + eventId + "\"")
                .replace("\"observedAt\":\"" + AT + "\"", "\"observedAt\":\"" + observedAt + "\"")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The same JSON with its eventId field moved to the end of the object. */
    private static byte[] eventIdLast(byte[] json) {
        String text = new String(json, StandardCharsets.UTF_8);
        int start = text.indexOf("\"eventId\":\"");
        int end = text.indexOf('"', start + 11) + 1;
        String field = text.substring(start, end);
        String rest = text.substring(0, start) + text.substring(end + 1);
        return (rest.substring(0, rest.length() - 1) + "," + field + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] inOrder(byte[] json, boolean eventIdLast) {
        return eventIdLast ? eventIdLast(json) : json;
    }

    /** The same JSON with its host object moved to the start of the object. */
    private static byte[] hostIdFirst(byte[] json) {
        String text = new String(json, StandardCharsets.UTF_8);
        int start = text.indexOf("\"host\":{");
        int end = text.indexOf('}', start) + 1;
        String field = text.substring(start, end);
        String rest = text.substring(0, start) + text.substring(end + 1);
        return ("{" + field + "," + rest.substring(1)).getBytes(StandardCharsets.UTF_8);
    }

    /** The same JSON with its probe's id replaced. */
    private static byte[] withProbe(byte[] json, String probeId) {
        String text = new String(json, StandardCharsets.UTF_8);
        return text.replaceFirst("\"probe\":\\{\"id\":\"[^\"]*\"", "\"probe\":{\"id\":\"" + probeId + "\"").getBytes(StandardCharsets.UTF_8);
    }

    /** The same JSON with a field of {@code padding} more at its end, which a scan skips and a content holds. */
    private static byte[] padded(byte[] json, String padding) {
        String text = new String(json, StandardCharsets.UTF_8);
        return (text.substring(0, text.length() - 1) + ",\"padding\":\"" + padding + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** What a scan reads: a reader that remembers nothing scans. */
    private Optional<SnapshotFingerprint> scan(byte[] json) {
        return read(new SnapshotFingerprints(), json);
    }

    /**
     * Reads the JSON as Kafka's consumer hands a value over (a view of the middle of a record's buffer), keyed as a
     * probe keys it: by its host id (none when the host id cannot be found).
     */
    private Optional<SnapshotFingerprint> read(SnapshotFingerprints fingerprints, byte[] json) {
        Matcher hostId = HOST_ID.matcher(new String(json, StandardCharsets.UTF_8));
        return fingerprints.read(hostId.find() ? hostId.group(1) : null, inRecord(json));
    }

    /** What a reader that scanned {@code first} reads of {@code json}. */
    private Optional<SnapshotFingerprint> afterScanning(byte[] first, byte[] json) {
        SnapshotFingerprints fingerprints = new SnapshotFingerprints();
        read(fingerprints, first).orElseThrow();
        return read(fingerprints, json);
    }

    /**
     * The JSON between bytes of the record around it that look like JSON too, so that reading past either end shows;
     * each at another offset than the one before, as a slice (position 0) or not (position at the value).
     */
    private ByteBuffer inRecord(byte[] json) {
        reads++;
        String before = "{\"a\":[".repeat(1 + reads % 3);
        byte[] record = (before + new String(json, StandardCharsets.ISO_8859_1) + "]}").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer value = ByteBuffer.wrap(record, before.length(), json.length);
        return reads % 2 == 0 ? value.slice() : value;
    }
}
