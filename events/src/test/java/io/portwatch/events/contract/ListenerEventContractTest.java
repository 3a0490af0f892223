package io.portwatch.events.contract;

import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Evidence;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.ListenerEvent;
import io.portwatch.events.listener.ListenerEventType;
import io.portwatch.events.listener.ProbeInfo;
import io.portwatch.events.listener.ProbeMode;
import io.portwatch.events.listener.ProcessInfo;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ListenerEventContractTest {

    private static final Instant BROKER_TIME = Instant.parse("2026-11-30T12:00:00Z");
    private static final ListenerEventContract CONTRACT = new ListenerEventContract(100, Duration.ofMinutes(5), Duration.ofDays(1));

    @Test
    void acceptsAnOrdinaryEvent() {
        assertThat(CONTRACT.violation("mac-01", snapshot("mac-01", "lab", BROKER_TIME, listener("rapportd", null)), BROKER_TIME))
                .isEmpty();
    }

    @Test
    void refusesAHostIdLongerThanItsColumn() {
        String id = "h".repeat(256);
        assertThat(CONTRACT.violation(id, snapshot(id, "lab", BROKER_TIME), BROKER_TIME))
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("host.id is 256 characters long"));
    }

    @Test
    void refusesALongZone() {
        assertThat(CONTRACT.violation("h", snapshot("h", "z".repeat(300), BROKER_TIME), BROKER_TIME))
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("probe.zone is 300 characters long"));
    }

    @Test
    void refusesAControlCharacterInTheBackend() {
        ListenerEvent event = snapshot("h", "lab", BROKER_TIME);
        ListenerEvent forged = new ListenerEvent(event.eventId(), event.type(), event.observedAt(), event.probe().withBackend("lsof\u001b[2J"),
                event.host(), event.listeners());

        assertThat(CONTRACT.violation("h", forged, BROKER_TIME)).hasValueSatisfying(reason -> assertThat(reason).startsWith("probe.backend"));
    }

    @Test
    void refusesAnObservationFarInTheFuture() {
        Instant future = Instant.parse("+300000-01-01T00:00:00Z");
        assertThat(CONTRACT.violation("h", snapshot("h", "lab", future), BROKER_TIME))
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("observedAt +300000-01-01T00:00:00Z is more than PT5M after"));
    }

    @Test
    void refusesAnObservationOlderThanTheMaximumAge() {
        assertThat(CONTRACT.violation("h", snapshot("h", "lab", BROKER_TIME.minus(Duration.ofDays(2))), BROKER_TIME))
                .hasValueSatisfying(reason -> assertThat(reason).contains("before the record's broker time"));
    }

    @Test
    void acceptsAClockSkewWithinTheWindow() {
        assertThat(CONTRACT.violation("h", snapshot("h", "lab", BROKER_TIME.plusSeconds(299)), BROKER_TIME)).isEmpty();
    }

    @Test
    void refusesANulInAProcessName() {
        assertThat(CONTRACT.violation("h", snapshot("h", "lab", BROKER_TIME, listener("pw\u0000x", null)), BROKER_TIME))
                .hasValue("listeners[0].process.name holds a control character");
    }

    @Test
    void namesAFieldOfASharedOwnerOfALaterListenerByItsWholePath() {
        Listener shared = new Listener(Transport.TCP, "0.0.0.0", 3283, 4, Exposure.ALL_INTERFACES,
                new ProcessInfo(7, "ARDAgent", "/usr/bin/ARDAgent", "root", 0), null, null, null, 9L,
                List.of(new ProcessInfo(8, "ok", "/usr/bin/ok", "root", 0), new ProcessInfo(9, "x", "/tmp/\u0007x", "root", 0)));
        assertThat(CONTRACT.violation("h", snapshot("h", "lab", BROKER_TIME, listener("httpd", null), shared), BROKER_TIME))
                .hasValue("listeners[1].sharedWith[1].exe holds a control character");
    }

    @Test
    void refusesAnEscapeInAnHttpHeader() {
        Evidence evidence = new Evidence("http", 18, 90, null, false, 401, "srv\u001b[2K", "Basic");
        assertThat(CONTRACT.violation("h", snapshot("h", "lab", BROKER_TIME, listener("httpd", evidence)), BROKER_TIME))
                .hasValue("listeners[0].evidence.httpServer holds a control character");
    }

    @Test
    void refusesMoreListenersThanTheLimit() {
        Listener[] many = IntStream.range(0, 101).mapToObj(i -> listener("p" + i, null)).toArray(Listener[]::new);
        assertThat(CONTRACT.violation("h", snapshot("h", "lab", BROKER_TIME, many), BROKER_TIME))
                .hasValue("listeners holds 101 items, more than 100");
    }

    @Test
    void refusesAKeyThatIsNotTheHostId() {
        assertThat(CONTRACT.violation("other", snapshot("h", "lab", BROKER_TIME), BROKER_TIME))
                .hasValue("the record key is not the host id h");
    }

    @Test
    void refusesTooManyHostAddresses() {
        List<String> addresses = Collections.nCopies(257, "127.0.0.1");
        ListenerEvent event = new ListenerEvent("e", ListenerEventType.SNAPSHOT, BROKER_TIME, new ProbeInfo("p", "lab", ProbeMode.HOST),
                new HostInfo("h", "h", addresses), List.of());
        assertThat(CONTRACT.violation("h", event, BROKER_TIME)).hasValue("host.addresses holds 257 items, more than 256");
    }

    @Test
    void refusesAnAddressNotInCanonicalForm() {
        ListenerEvent javas = new ListenerEvent("e", ListenerEventType.SNAPSHOT, BROKER_TIME, new ProbeInfo("p", "lab", ProbeMode.HOST),
                new HostInfo("h", "h", List.of("0:0:0:0:0:0:0:1")), List.of());
        assertThat(CONTRACT.violation("h", javas, BROKER_TIME))
                .hasValue("host.addresses[0] 0:0:0:0:0:0:0:1 is not in canonical form (RFC 5952): ::1");

        Listener named = new Listener(Transport.TCP, "localhost", 3031, 4, Exposure.LOOPBACK, null, null);
        assertThat(CONTRACT.violation("h", snapshot("h", "lab", BROKER_TIME, named), BROKER_TIME))
                .hasValue("listeners[0].address is not an IP address");
    }

    private static ListenerEvent snapshot(String hostId, String zone, Instant observedAt, Listener... listeners) {
        return new ListenerEvent("e-1", ListenerEventType.SNAPSHOT, observedAt, new ProbeInfo("probe-1", zone, ProbeMode.HOST),
                new HostInfo(hostId, hostId, List.of("127.0.0.1")), List.of(listeners));
    }

    private static Listener listener(String processName, Evidence evidence) {
        return new Listener(Transport.TCP, "0.0.0.0", 3031, 4, Exposure.ALL_INTERFACES,
                new ProcessInfo(7, processName, "/usr/bin/" + processName.length(), "root", 0), evidence);
    }
}
