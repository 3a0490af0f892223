package io.portwatch.events.json;

import io.portwatch.events.finding.FindingEvent;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.finding.KnowledgeSummary;
import io.portwatch.events.finding.Severity;
import io.portwatch.events.knowledge.PortKnowledge;
import io.portwatch.events.knowledge.PortRange;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.events.knowledge.ServiceStatus;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.ContainerInfo;
import io.portwatch.events.listener.Evidence;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.ListenerEvent;
import io.portwatch.events.listener.ListenerEventType;
import io.portwatch.events.listener.NetworkNamespace;
import io.portwatch.events.listener.PodInfo;
import io.portwatch.events.listener.ProbeInfo;
import io.portwatch.events.listener.ProbeMode;
import io.portwatch.events.listener.ProcessInfo;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventJsonTest {

    private static final Instant OBSERVED = Instant.parse("2026-11-24T10:15:30.123Z");
    private static final HostInfo HOST = new HostInfo("mac-01", "mac-01.example", List.of("127.0.0.1"));
    private static final Listener ARMS = new Listener(Transport.UDP, "0.0.0.0", 3283, 4, Exposure.ALL_INTERFACES,
            new ProcessInfo(412, "ARDAgent", "/System/Library/ARDAgent", "root"),
            new Evidence("arms-status", 32, 1034, null, null, null, null, null));

    @Test
    void portKnowledgeSurvivesARoundTrip() {
        PortKnowledge knowledge = new PortKnowledge(3283, Transport.UDP, "net-assistant",
                List.of("apple-remote-desktop"), "Apple Remote Desktop (Net Assistant)", PortRange.REGISTERED,
                ServiceStatus.ACTIVE, Risk.CRITICAL, List.of("DDoS reflection"), List.of("ARDAgent"),
                List.of("/System/Library/CoreServices/RemoteManagement/ARDAgent.app/Contents/MacOS/ARDAgent"), List.of(5900),
                35.5, false, "Turn off Remote Management", List.of("https://www.iana.org/"), 3, OBSERVED);

        assertThat(roundTrip(knowledge, PortKnowledge.class)).isEqualTo(knowledge);
    }

    @Test
    void listenerEventSurvivesARoundTrip() {
        ListenerEvent event = new ListenerEvent("e-1", ListenerEventType.SNAPSHOT, OBSERVED,
                new ProbeInfo("probe-1", "lab", ProbeMode.HOST), HOST, List.of(ARMS));

        assertThat(roundTrip(event, ListenerEvent.class)).isEqualTo(event);
    }

    @Test
    void containerListenerOfANamespaceHostSurvivesARoundTrip() {
        Listener inPod = new Listener(Transport.TCP, "0.0.0.0", 3031, 4, Exposure.ALL_INTERFACES, ARMS.process(), null,
                new NetworkNamespace(4026532301L, false, null),
                new ContainerInfo("9b2e1c4d5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f901", "containerd", null,
                        new PodInfo("0f4e5a61-7b82-4c93-9da4-b5c6d7e8f901", "shop", "web-0")));
        ListenerEvent event = new ListenerEvent("e-2", ListenerEventType.OPENED, OBSERVED, new ProbeInfo("probe-1", "lab", ProbeMode.HOST),
                new HostInfo("node-1/pod/0f4e5a61-7b82-4c93-9da4-b5c6d7e8f901", "pod shop/web-0 on node-1", List.of(), "node-1"),
                List.of(inPod));

        assertThat(roundTrip(event, ListenerEvent.class)).isEqualTo(event);
        assertThat(inPod.inContainerNetwork()).isTrue();
    }

    @Test
    void theHostBackendSurvivesARoundTripAndIsLeftOutWhenUnknown() {
        ListenerEvent fromLsof = new ListenerEvent("e-3", ListenerEventType.SNAPSHOT, OBSERVED,
                new ProbeInfo("probe-mac", "office-lan", ProbeMode.HOST, ProbeInfo.LSOF_BACKEND), HOST, List.of(ARMS));
        ListenerEvent unsaid = new ListenerEvent("e-4", ListenerEventType.SNAPSHOT, OBSERVED, new ProbeInfo("probe-1", "lab", ProbeMode.NETWORK),
                HOST, List.of(ARMS));

        assertThat(roundTrip(fromLsof, ListenerEvent.class).probe().backend()).isEqualTo("lsof");
        assertThat(new String(EventJson.toBytes(fromLsof), StandardCharsets.UTF_8)).contains("\"mode\":\"HOST\",\"backend\":\"lsof\"}");
        assertThat(new String(EventJson.toBytes(unsaid), StandardCharsets.UTF_8)).contains("\"mode\":\"NETWORK\"}").doesNotContain("backend");
    }

    @Test
    void eventsOfProbesOlderThanNamespacesReadAsTheHostsOwn() {
        String old = "{\"eventId\":\"e\",\"type\":\"OPENED\",\"observedAt\":\"2026-11-24T10:15:30Z\","
                + "\"probe\":{\"id\":\"p\",\"zone\":\"z\",\"mode\":\"HOST\"},\"host\":{\"id\":\"h\",\"name\":\"h\"},"
                + "\"listeners\":[{\"transport\":\"tcp\",\"address\":\"0.0.0.0\",\"port\":311,\"ipVersion\":4,\"exposure\":\"ALL_INTERFACES\"}]}";

        ListenerEvent event = EventJson.fromBytes(old.getBytes(StandardCharsets.UTF_8), ListenerEvent.class);

        assertThat(event.host().node()).isNull();
        assertThat(event.probe().backend()).isNull();
        assertThat(event.listeners().get(0).netns()).isNull();
        assertThat(event.listeners().get(0).container()).isNull();
        assertThat(event.listeners().get(0).inContainerNetwork()).isFalse();
    }

    @Test
    void findingEventSurvivesARoundTrip() {
        FindingEvent event = new FindingEvent("f-1", "amplification-reflector", Severity.CRITICAL, FindingState.OPEN,
                HOST, "office-lan", HOST.id(), new ProbeInfo("probe-1", "office-lan", ProbeMode.HOST), ARMS, new KnowledgeSummary("net-assistant", ServiceStatus.ACTIVE, Risk.CRITICAL),
                "title", "description", "remediation", List.of("ref"), OBSERVED, OBSERVED, 1);

        assertThat(roundTrip(event, FindingEvent.class)).isEqualTo(event);
    }

    @Test
    void writesTheContractsFieldNamesAndWireValues() {
        String json = new String(EventJson.toBytes(ARMS), StandardCharsets.UTF_8);

        assertThat(json).contains("\"transport\":\"udp\"", "\"exposure\":\"ALL_INTERFACES\"", "\"ipVersion\":4",
                "\"requestBytes\":32", "\"responseBytes\":1034");
    }

    @Test
    void writesInstantsAsIso8601() {
        String json = new String(EventJson.toBytes(new ListenerEvent("e", ListenerEventType.SNAPSHOT, OBSERVED,
                new ProbeInfo("p", "z", ProbeMode.HOST), HOST, List.of())), StandardCharsets.UTF_8);

        assertThat(json).contains("\"observedAt\":\"2026-11-24T10:15:30.123Z\"");
    }

    @Test
    void readsInstantsInEveryIso8601FormAsTheSameInstant() {
        for (String observedAt : List.of("2026-11-24T10:15:30.123Z", "2026-11-24T10:15:30.123000Z", "2026-11-24t10:15:30.123z",
                "2026-11-24T11:15:30.123+01:00")) {
            ListenerEvent event = EventJson.fromBytes(("{\"eventId\":\"e\",\"type\":\"SNAPSHOT\",\"observedAt\":\"" + observedAt
                    + "\",\"probe\":{\"id\":\"p\",\"zone\":\"z\",\"mode\":\"HOST\"},\"host\":{\"id\":\"h\"}}")
                    .getBytes(StandardCharsets.UTF_8), ListenerEvent.class);

            assertThat(event.observedAt()).as(observedAt).isEqualTo(OBSERVED);
        }
    }

    @Test
    void anInstantThatIsNoInstantIsAMalformedEvent() {
        for (String observedAt : List.of("\"2026-02-30T10:15:30Z\"", "\"yesterday\"", "true")) {
            byte[] json = ("{\"eventId\":\"e\",\"type\":\"SNAPSHOT\",\"observedAt\":" + observedAt
                    + ",\"probe\":{\"id\":\"p\",\"zone\":\"z\",\"mode\":\"HOST\"},\"host\":{\"id\":\"h\"}}")
                    .getBytes(StandardCharsets.UTF_8);

            assertThatThrownBy(() -> EventJson.fromBytes(json, ListenerEvent.class)).as(observedAt)
                    .isInstanceOf(MalformedEventException.class);
        }
    }

    @Test
    void eventsThatBreakTheContractAreMalformed() {
        String probe = "\"probe\":{\"id\":\"p\",\"zone\":\"z\",\"mode\":\"HOST\"}";
        String listener = "{\"transport\":\"tcp\",\"address\":\"0.0.0.0\",\"port\":22,\"ipVersion\":4,\"exposure\":\"ALL_INTERFACES\"}";
        List<String> broken = List.of(
                "{\"type\":\"SNAPSHOT\",\"observedAt\":\"2026-11-24T10:15:30Z\"," + probe + "}",
                "{\"type\":\"SNAPSHOT\",\"observedAt\":\"2026-11-24T10:15:30Z\"," + probe + ",\"host\":{\"id\":\" \"}}",
                "{\"type\":\"OPENED\",\"observedAt\":\"2026-11-24T10:15:30Z\"," + probe + ",\"host\":{\"id\":\"h\"},\"listeners\":[]}",
                "{\"type\":\"EXPLODED\",\"observedAt\":\"2026-11-24T10:15:30Z\"," + probe + ",\"host\":{\"id\":\"h\"}}",
                "{\"type\":\"OPENED\",\"observedAt\":\"2026-11-24T10:15:30Z\"," + probe + ",\"host\":{\"id\":\"h\"},\"listeners\":["
                        + listener.replace("22", "70000") + "]}",
                "{\"type\":\"OPENED\",\"observedAt\":\"2026-11-24T10:15:30Z\"," + probe + ",\"host\":{\"id\":\"h\"},\"listeners\":["
                        + listener.replace("\"tcp\"", "\"icmp\"") + "]}");
        for (String json : broken) {
            assertThatThrownBy(() -> EventJson.fromBytes(json.getBytes(StandardCharsets.UTF_8), ListenerEvent.class))
                    .as(json).isInstanceOf(MalformedEventException.class);
        }
    }

    @Test
    void ignoresFieldsItDoesNotKnow() {
        byte[] newer = """
                {"eventId":"e-2","type":"CLOSED","observedAt":"2026-11-24T10:15:30Z","addedLater":{"x":1},
                 "probe":{"id":"p","zone":"z","mode":"HOST"},"host":{"id":"h","name":"h","addresses":[],"cloud":"x"},
                 "listeners":[{"transport":"tcp","address":"0.0.0.0","port":22,"ipVersion":4,"exposure":"ALL_INTERFACES"}]}
                """.getBytes(StandardCharsets.UTF_8);

        ListenerEvent event = EventJson.fromBytes(newer, ListenerEvent.class);

        assertThat(event.type()).isEqualTo(ListenerEventType.CLOSED);
        assertThat(event.host().id()).isEqualTo("h");
    }

    @Test
    void missingListsReadAsEmpty() {
        ListenerEvent event = EventJson.fromBytes(("{\"eventId\":\"e\",\"type\":\"SNAPSHOT\",\"observedAt\":\"2026-11-24T10:15:30Z\","
                + "\"probe\":{\"id\":\"p\",\"zone\":\"z\",\"mode\":\"HOST\"},\"host\":{\"id\":\"h\"}}").getBytes(StandardCharsets.UTF_8),
                ListenerEvent.class);

        assertThat(event.listeners()).isEmpty();
        assertThat(event.host().addresses()).isEmpty();
    }

    @Test
    void malformedJsonIsAMalformedEvent() {
        assertThatThrownBy(() -> EventJson.fromBytes("{not json".getBytes(StandardCharsets.UTF_8), ListenerEvent.class))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageStartingWith("not a ListenerEvent");
    }

    @Test
    void unknownEnumValueIsAMalformedEvent() {
        assertThatThrownBy(() -> EventJson.fromBytes("{\"type\":\"EXPLODED\"}".getBytes(StandardCharsets.UTF_8),
                ListenerEvent.class)).isInstanceOf(MalformedEventException.class);
    }

    @Test
    void nullValueIsAMalformedEvent() {
        assertThatThrownBy(() -> EventJson.fromBytes((byte[]) null, ListenerEvent.class))
                .isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> EventJson.fromBytes((ByteBuffer) null, ListenerEvent.class))
                .isInstanceOf(MalformedEventException.class);
    }

    @Test
    void aValueInTheMiddleOfABufferIsReadInPlaceAndTheBufferLeftAsItWas() {
        byte[] json = EventJson.toBytes(Instant.parse("2026-11-26T10:00:00Z"));
        byte[] record = new byte[json.length + 4];
        record[0] = '[';
        record[1] = '1';
        System.arraycopy(json, 0, record, 2, json.length);
        record[record.length - 2] = ']';
        ByteBuffer value = ByteBuffer.wrap(record, 2, json.length).slice();

        assertThat(EventJson.fromBytes(value, Instant.class)).isEqualTo(Instant.parse("2026-11-26T10:00:00Z"));
        assertThat(value.position()).isZero();
        assertThat(EventJson.fromBytes(value.asReadOnlyBuffer(), Instant.class)).as("without an accessible array")
                .isEqualTo(Instant.parse("2026-11-26T10:00:00Z"));
    }

    @Test
    void jsonNullIsAMalformedEventNotAMissingOne() {
        assertThatThrownBy(() -> EventJson.fromBytes("null".getBytes(StandardCharsets.UTF_8), ListenerEvent.class))
                .isInstanceOf(MalformedEventException.class)
                .hasMessage("the value is JSON null, not a ListenerEvent");
    }

    private static <T> T roundTrip(T value, Class<T> type) {
        return EventJson.fromBytes(EventJson.toBytes(value), type);
    }
}
