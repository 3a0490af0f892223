package io.portwatch.alert.memo;

import io.portwatch.alert.Fixtures;
import io.portwatch.alert.findings.Judgement;
import io.portwatch.events.finding.Severity;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.ListenerEvent;
import io.portwatch.events.listener.ListenerEventType;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A SNAPSHOT one listener apart from its host's last ({@link SnapshotFingerprint.OneApart}): found by comparing its
 * bytes with the last content ({@link SnapshotFingerprints}), believed only for an element that is exactly one listener,
 * and skipped without decoding only when that listener is the one its host's OPENED or CLOSED since put in or took out
 * ({@link NoChangeMemo#skipsApart}).
 */
class OneListenerApartTest {

    private static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");
    private static final PortKey EPPC_PORT = new PortKey(Transport.TCP, 3031);
    private static final PortKey AFP_PORT = new PortKey(Transport.TCP, 548);
    private static final Listener EPPC = Fixtures.listener(EPPC_PORT, "0.0.0.0", Exposure.ALL_INTERFACES);
    private static final Listener ARD = Fixtures.listener(new PortKey(Transport.UDP, 3283), "0.0.0.0", Exposure.ALL_INTERFACES);
    private static final Listener WEB_ADMIN = Fixtures.listener(new PortKey(Transport.TCP, 311), "0.0.0.0", Exposure.ALL_INTERFACES);
    private static final Judgement EXPOSED_AFP = Fixtures.exposedAfp(Severity.HIGH);
    private static final Listener AFP = EXPOSED_AFP.listener();

    private final SnapshotFingerprints fingerprints = new SnapshotFingerprints();
    private final NoChangeMemo memo = new NoChangeMemo(true, Duration.ofMinutes(5), 1000);
    private int seconds;

    @Test
    void aListenerPutInAtAnyPlaceOrTakenOutOfAnyIsFoundWithTheElementThatHoldsIt() {
        List<Listener> others = List.of(EPPC, ARD, WEB_ADMIN);
        for (int size = 0; size <= others.size(); size++) {
            List<Listener> base = others.subList(0, size);
            for (int at = 0; at <= size; at++) {
                List<Listener> with = new ArrayList<>(base);
                with.add(at, AFP);
                SnapshotFingerprint without = read("mac-" + size + "-" + at, base);
                SnapshotFingerprint put = read("mac-" + size + "-" + at, with);
                assertThat(put.apart()).as("%s after %s", with, base).isNotNull();
                assertThat(put.apart().opened()).isTrue();
                assertThat(put.apart().base()).isSameAs(without.handle());
                assertThat(put.apart().listener()).contains(AFP);
                assertThat(put.apart().listeners()).isEqualTo(size + 1);
                assertThat(put.observedAt()).isEqualTo(AT.plusSeconds(seconds));

                SnapshotFingerprint taken = read("mac-" + size + "-" + at, base);
                assertThat(taken.apart()).as("%s after %s", base, with).isNotNull();
                assertThat(taken.apart().opened()).isFalse();
                assertThat(taken.apart().base()).isSameAs(put.handle());
                assertThat(taken.apart().listener()).contains(AFP);
                assertThat(taken.apart().listeners()).isEqualTo(size);

                SnapshotFingerprint repeat = read("mac-" + size + "-" + at, base);
                assertThat(repeat.apart()).as("a repeat of the content found one apart").isNull();
                assertThat(repeat.handle()).isSameAs(taken.handle());
            }
        }
    }

    @Test
    void anElementThatIsNotExactlyOneListenerIsNeverBelieved() {
        String eppc = element(EPPC);
        assertThat(apartAfter("mac-1", eppc, element(AFP))).as("one listener")
                .hasValueSatisfying(apart -> assertThat(apart.listener()).contains(AFP));
        // The bytes are one apart, and the element would misplace the array's boundaries remembered next.
        assertThat(apartAfter("mac-2", eppc, element(AFP) + "," + element(ARD))).as("two listeners").isEmpty();
        assertThat(apartAfter("mac-3", eppc, element(AFP) + "],\"listeners\":[" + element(AFP)))
                .as("an element that closes the array: the decoder keeps the second listeners field").isEmpty();
        assertThat(apartAfter("mac-4", eppc, "{}],\"padding\":[{}")).as("an element that opens another array").isEmpty();
        String deep = "{\"x\":" + "[".repeat(SnapshotFingerprint.OneApart.ELEMENT_DEPTH) + "]".repeat(SnapshotFingerprint.OneApart.ELEMENT_DEPTH) + "}";
        assertThat(apartAfter("mac-5", eppc, deep)).as("an element nested deeper than a listener").isEmpty();
        // One object, and not a listener: found one apart, never believed.
        assertThat(apartAfter("mac-6", eppc, "{\"port\":\"x\"}")).as("not a listener")
                .hasValueSatisfying(apart -> assertThat(apart.listener()).isEmpty());
    }

    @Test
    void anArrayWrittenOtherwiseOrBeforeTheTwoValuesIsScanned() {
        List<Listener> both = List.of(EPPC, AFP);
        byte[] spaced = spaced(snapshot("mac-1", EPPC, ARD));
        read("mac-1", spaced);
        assertThat(read("mac-1", spaced(snapshot("mac-1", EPPC, AFP, ARD))).apart()).as("a space after each comma").isNull();

        read("mac-2", listenersFirst(snapshot("mac-2", EPPC)));
        assertThat(read("mac-2", listenersFirst(snapshot("mac-2", both.toArray(Listener[]::new)))).apart())
                .as("the array before the two values").isNull();

        read("mac-3", snapshot("mac-3", EPPC, ARD));
        assertThat(read("mac-3", snapshot("mac-3", AFP, WEB_ADMIN)).apart()).as("two listeners apart").isNull();
        assertThat(read("mac-3", snapshot("mac-3", AFP, ARD)).apart()).as("one listener replaced").isNull();
    }

    @Test
    void aSnapshotAfterTheOpenedOfItsOneListenerApartSkipsAndItsRepeatsSkipToo() {
        SnapshotFingerprint last = settledWith(List.of(EPPC), Map.of(EPPC_PORT, List.of()), Set.of());
        long generation = memo.generation();
        InBatchSettlements batch = new InBatchSettlements();
        ListenerEvent opened = Fixtures.eventAt(AT.plusSeconds(30), ListenerEventType.OPENED, "mac-1", AFP);
        memo.applied(Optional.empty(), opened, Map.of(AFP_PORT, List.of(EXPOSED_AFP)), generation, true);
        memo.stored(memo.candidate(opened, Map.of(AFP_PORT, List.of(EXPOSED_AFP)), false), batch);

        SnapshotFingerprint after = read("mac-1", snapshot("mac-1", EPPC, AFP));
        assertThat(after.apart().base()).isSameAs(last.handle());
        assertThat(memo.skipsRepeat(after, generation, batch, 1)).as("not a repeat: a content of its own").isFalse();
        assertThat(memo.skipsApart(after, generation, batch, 1)).isTrue();
        SnapshotFingerprint repeat = read("mac-1", snapshot("mac-1", EPPC, AFP));
        assertThat(memo.skipsRepeat(repeat, generation, batch, 2)).as("its repeat").isTrue();
    }

    @Test
    void aSnapshotAfterTheClosedOfItsOneListenerApartSkips() {
        Map<PortKey, List<Judgement>> both = Map.of(EPPC_PORT, List.of(), AFP_PORT, List.of(EXPOSED_AFP));
        settledWith(List.of(EPPC, AFP), both, Set.of(AFP_PORT));
        long generation = memo.generation();
        InBatchSettlements batch = new InBatchSettlements();
        ListenerEvent closed = Fixtures.eventAt(AT.plusSeconds(30), ListenerEventType.CLOSED, "mac-1", AFP);
        memo.applied(Optional.empty(), closed, Map.of(AFP_PORT, List.of()), generation, true);
        memo.stored(memo.candidate(closed, Map.of(AFP_PORT, List.of()), false), batch);

        SnapshotFingerprint after = read("mac-1", snapshot("mac-1", EPPC));
        assertThat(after.apart().opened()).isFalse();
        assertThat(memo.skipsApart(after, generation, batch, 1)).isTrue();
    }

    @Test
    void aSnapshotOneApartIsDecodedUnlessItsListenerIsTheOneItsHostsOnlyEventSincePutIn() {
        assertThat(afterOpening(AFP, true, 1000)).as("as the OPENED left it").isTrue();
        assertThat(afterOpening(AFP, false, 1000)).as("the OPENED changed the host or probe").isFalse();
        assertThat(afterOpening(Fixtures.listener(AFP_PORT, "0.0.0.0", Exposure.LOOPBACK), true, 1000))
                .as("another listener opened on the port").isFalse();
        assertThat(afterOpening(AFP, true, 1)).as("more listeners than the contract's").isFalse();
    }

    @Test
    void aSnapshotListingOneSocketTwiceLeavesTheOneApartAfterItsClosedToTheDecoder() {
        // Its host holds one of the two: closing it empties the port, and the SNAPSHOT without one of them still lists it.
        assertThat(closedAfterListingTwice(false)).isFalse();
        assertThat(closedAfterListingTwice(true)).as("were the host to hold each, it would skip").isTrue();
    }

    /**
     * Whether the SNAPSHOT of 3031 and AFP skips after one of 3031, AFP and AFP again (its host holding each, says
     * {@code exact}), then AFP's CLOSED, stored.
     */
    private boolean closedAfterListingTwice(boolean exact) {
        settledWith(List.of(EPPC, AFP, AFP), Map.of(EPPC_PORT, List.of(), AFP_PORT, List.of(EXPOSED_AFP)), Set.of(AFP_PORT), exact);
        long generation = memo.generation();
        InBatchSettlements batch = new InBatchSettlements();
        ListenerEvent closed = Fixtures.eventAt(AT.plusSeconds(30), ListenerEventType.CLOSED, "mac-1", AFP);
        memo.applied(Optional.empty(), closed, Map.of(AFP_PORT, List.of()), generation, true);
        memo.stored(memo.candidate(closed, Map.of(AFP_PORT, List.of()), false), batch);
        SnapshotFingerprint after = read("mac-1", snapshot("mac-1", EPPC, AFP));
        assertThat(after.apart()).isNotNull();
        try {
            return memo.skipsApart(after, generation, batch, 1);
        } finally {
            batch.endJudging();
        }
    }

    @Test
    void listenersThatAreNoArrayAreSkippedByTheScan() {
        String json = new String(snapshot("mac-1", EPPC), StandardCharsets.UTF_8);
        String withObject = json.replaceFirst("\"listeners\":\\[", "\"listeners\":{\"host\":{\"id\":\"mac-2\"}},\"other\":[");
        assertThat(fingerprints.read("mac-1", ByteBuffer.wrap(withObject.getBytes(StandardCharsets.UTF_8))))
                .as("the object's fields are not the event's").hasValueSatisfying(read -> assertThat(read.hostId()).isEqualTo("mac-1"));
    }

    @Test
    void aSecondEventSinceTheLastSnapshotOrAnotherGenerationLeavesItToTheDecoder() {
        settledWith(List.of(EPPC), Map.of(EPPC_PORT, List.of()), Set.of());
        long generation = memo.generation();
        ListenerEvent opened = Fixtures.eventAt(AT.plusSeconds(30), ListenerEventType.OPENED, "mac-1", AFP);
        memo.applied(Optional.empty(), opened, Map.of(AFP_PORT, List.of(EXPOSED_AFP)), generation, true);
        memo.applied(Optional.empty(), Fixtures.eventAt(AT.plusSeconds(31), ListenerEventType.OPENED, "mac-1", ARD),
                Map.of(ARD.portKey(), List.of()), generation, true);
        assertThat(memo.skipsApart(read("mac-1", snapshot("mac-1", EPPC, AFP)), generation, new InBatchSettlements(), 0))
                .as("two OPENEDs since").isFalse();

        SnapshotFingerprint last = settledWith(List.of(EPPC), Map.of(EPPC_PORT, List.of()), Set.of());
        memo.applied(Optional.empty(), opened, Map.of(AFP_PORT, List.of(EXPOSED_AFP)), memo.generation(), true);
        memo.forgetAll();
        SnapshotFingerprint after = read("mac-1", snapshot("mac-1", EPPC, AFP));
        assertThat(after.apart().base()).isSameAs(last.handle());
        assertThat(memo.skipsApart(after, memo.generation(), new InBatchSettlements(), 0)).as("everything forgotten").isFalse();
    }

    /** Whether the SNAPSHOT with AFP put in skips after the host settled with 3031 alone and {@code opened} was opened. */
    private boolean afterOpening(Listener opened, boolean otherwiseUnchanged, int maxListeners) {
        NoChangeMemo memo = new NoChangeMemo(true, Duration.ofMinutes(5), maxListeners);
        String host = "mac-" + seconds;
        SnapshotFingerprint last = read(host, snapshot(host, EPPC));
        long generation = memo.generation();
        Map<PortKey, List<Judgement>> judged = Map.of(EPPC_PORT, List.of());
        memo.applied(Optional.of(last), Fixtures.eventAt(AT, ListenerEventType.SNAPSHOT, host, EPPC), judged, generation, true);
        Instant until = AT.plus(Duration.ofMinutes(5));
        memo.settle(generation, List.of(new Settlement(host, judged, Set.of(), Map.of(EPPC_PORT, until), until)));
        ListenerEvent event = Fixtures.eventAt(AT.plusSeconds(30), ListenerEventType.OPENED, host, opened);
        Map<PortKey, List<Judgement>> openedJudged = Map.of(AFP_PORT, List.of(EXPOSED_AFP));
        memo.applied(Optional.empty(), event, openedJudged, generation, otherwiseUnchanged);
        InBatchSettlements batch = new InBatchSettlements();
        memo.stored(memo.candidate(event, openedJudged, false), batch);
        return memo.skipsApart(read(host, snapshot(host, EPPC, AFP)), generation, batch, 1);
    }

    /** mac-1's SNAPSHOT of these listeners read, judged so (its host holding each) and settled with these active ports. */
    private SnapshotFingerprint settledWith(List<Listener> listeners, Map<PortKey, List<Judgement>> judged, Set<PortKey> active) {
        return settledWith(listeners, judged, active, true);
    }

    /** The same, {@code exact} saying whether its host holds each listener it lists. */
    private SnapshotFingerprint settledWith(List<Listener> listeners, Map<PortKey, List<Judgement>> judged, Set<PortKey> active,
            boolean exact) {
        SnapshotFingerprint fingerprint = read("mac-1", snapshot("mac-1", listeners.toArray(Listener[]::new)));
        long generation = memo.generation();
        memo.applied(Optional.of(fingerprint), Fixtures.eventAt(AT, ListenerEventType.SNAPSHOT, "mac-1",
                listeners.toArray(Listener[]::new)), judged, generation, exact);
        Instant until = AT.plus(Duration.ofMinutes(5));
        Map<PortKey, Instant> due = new java.util.HashMap<>();
        judged.keySet().forEach(port -> due.put(port, until));
        memo.settle(generation, List.of(new Settlement("mac-1", judged, active, due, until)));
        return fingerprint;
    }

    private SnapshotFingerprint read(String hostId, List<Listener> listeners) {
        return read(hostId, snapshot(hostId, listeners.toArray(Listener[]::new)));
    }

    /** Reads a record keyed by its host, as the poller does. */
    private SnapshotFingerprint read(String hostId, byte[] json) {
        return fingerprints.read(hostId, ByteBuffer.wrap(json)).orElseThrow();
    }

    /** A SNAPSHOT of these listeners as a probe writes it, observed a second after the one before. */
    private byte[] snapshot(String hostId, Listener... listeners) {
        seconds++;
        return EventJson.toBytes(Fixtures.eventAt(AT.plusSeconds(seconds), ListenerEventType.SNAPSHOT, hostId, listeners));
    }

    /**
     * What is found one apart when the host's SNAPSHOT of 3031 alone is read, then the same with {@code element} and a
     * comma before its listener ({@code eppc}); empty when nothing is (the record scanned, or not a SNAPSHOT read).
     */
    private Optional<SnapshotFingerprint.OneApart> apartAfter(String hostId, String eppc, String element) {
        byte[] base = snapshot(hostId, EPPC);
        read(hostId, base);
        byte[] json = new String(base, StandardCharsets.UTF_8).replace(eppc, element + "," + eppc).getBytes(StandardCharsets.UTF_8);
        return fingerprints.read(hostId, ByteBuffer.wrap(json)).map(SnapshotFingerprint::apart);
    }

    private static String element(Listener listener) {
        return new String(EventJson.toBytes(listener), StandardCharsets.UTF_8);
    }

    /** The same JSON with a space after each comma between two listeners. */
    private static byte[] spaced(byte[] json) {
        return new String(json, StandardCharsets.UTF_8).replace("},{\"transport\"", "}, {\"transport\"").getBytes(StandardCharsets.UTF_8);
    }

    /** The same JSON with its listeners field moved to the start of the object. */
    private static byte[] listenersFirst(byte[] json) {
        String text = new String(json, StandardCharsets.UTF_8);
        int start = text.indexOf(",\"listeners\":[");
        int end = text.lastIndexOf(']') + 1; // the last array of the object: its fields after it hold none
        String field = text.substring(start + 1, end);
        return ("{" + field + "," + text.substring(1, start) + text.substring(end)).getBytes(StandardCharsets.UTF_8);
    }
}
