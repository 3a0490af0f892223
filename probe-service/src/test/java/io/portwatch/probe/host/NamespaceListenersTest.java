package io.portwatch.probe.host;

import io.portwatch.events.Topics;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.listener.Addresses;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.ListenerEvent;
import io.portwatch.events.listener.ListenerEventType;
import io.portwatch.events.listener.NetworkNamespace;
import io.portwatch.probe.config.ProbeIdentity;
import io.portwatch.testing.Commands;
import io.portwatch.testing.KafkaBrokerResource;
import io.portwatch.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.NetworkInterface;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static io.portwatch.probe.host.ProbeApi.hostScan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Listeners in network namespaces the test creates ({@code ip netns add}), against the real /proc and a real
 * broker: the probe must report, per namespace, exactly what {@code ss -tuln} run inside it reports, with the
 * namespace, the owning process and the exposure inside that namespace.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class NamespaceListenersTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Inject
    ProbeIdentity identity;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void reportsEveryNamespaceExactlyAsSsInsideItDoes() throws Exception {
        try (TestNamespace blue = TestNamespace.create("blue", "tcp,4,127.0.0.1,0", "tcp,6,::,0", "udp,4,0.0.0.0,0", "udp,6,::1,0",
                "tcp,4,0.0.0.0,3031");
             TestNamespace green = TestNamespace.create("green", "tcp,4,0.0.0.0,3031", "udp,6,::,3283", "tcp,6,::1,311")) {
            for (TestNamespace namespace : List.of(blue, green)) {
                Set<String> groundTruth = namespace.listenersBySs();
                assertThat(groundTruth).as("ss in " + namespace.name()).hasSizeGreaterThanOrEqualTo(3);
                String hostId = identity.host().id() + "/netns/" + namespace.name();

                NamespaceScan scan = await().atMost(DEADLINE).until(() -> hostScan(hostId), Optional::isPresent).orElseThrow();
                await().atMost(DEADLINE).untilAsserted(() -> assertThat(endpoints(hostScan(hostId).orElseThrow())).isEqualTo(groundTruth));

                assertThat(scan.host().node()).isEqualTo(identity.host().id());
                assertThat(scan.host().name()).isEqualTo("netns " + namespace.name() + " on " + identity.host().name());
                for (Listener listener : hostScan(hostId).orElseThrow().listeners()) {
                    assertThat(listener.netns()).as(listener.endpoint()).isEqualTo(new NetworkNamespace(namespace.inode(), false, namespace.name()));
                    assertThat(listener.process().pid()).as(listener.endpoint()).isEqualTo(namespace.listenerPid());
                    assertThat(listener.process().name()).as(listener.endpoint()).startsWith("python3");
                    assertThat(listener.container()).as(listener.endpoint()).isNull();
                    assertThat(listener.exposure()).as(listener.endpoint())
                            .isEqualTo(listener.address().startsWith("127.") || listener.address().equals("::1") ? Exposure.LOOPBACK
                                    : Exposure.ALL_INTERFACES);
                }
            }
            assertThat(hostScan(identity.host().id()).orElseThrow().listeners())
                    .as("the node's own listeners stay the node's").allSatisfy(listener -> assertThat(listener.netns().host()).isTrue());
        }
    }

    @Test
    void eachHostCarriesItsNamespacesInterfaceAddressesInCanonicalForm() throws Exception {
        try (TestNamespace amber = TestNamespace.create("amber", "tcp,4,0.0.0.0,3031")) {
            // Addresses on the namespace's own loopback device: a namespace the test made, no traffic leaves it.
            Commands.require("ip", "netns", "exec", amber.name(), "ip", "addr", "add", "192.0.2.77/32", "dev", "lo");
            Commands.require("ip", "netns", "exec", amber.name(), "ip", "-6", "addr", "add", "2001:DB8:0:0::77/128", "dev", "lo", "nodad");
            String hostId = identity.host().id() + "/netns/" + amber.name();

            await().atMost(DEADLINE).untilAsserted(() -> assertThat(hostScan(hostId)).hasValueSatisfying(scan ->
                    assertThat(scan.host().addresses()).containsExactly("192.0.2.77", "2001:db8::77")));
        }
        List<String> nodesOwn = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress())
                .map(address -> Addresses.canonical(address).replaceFirst("%.*", "")) // Guava keeps Java's scope id
                .toList();
        assertThat(hostScan(identity.host().id()).orElseThrow().host().addresses()).as("the JVM shares the node's namespace in %test")
                .containsExactlyInAnyOrderElementsOf(nodesOwn);
    }

    @Test
    void aNamespaceWhoseProcessExitsClosesItsListenersUnderItsOwnHostAndGoesWhenDeleted() throws Exception {
        try (TestNamespace red = TestNamespace.create("red", "tcp,4,0.0.0.0,3031");
             TopicReader reader = new TopicReader(bootstrapServers, Topics.LISTENERS)) {
            String hostId = identity.host().id() + "/netns/" + red.name();
            List<ListenerEvent> seen = new ArrayList<>();

            ListenerEvent opened = awaitEvent(reader, seen, hostId, ListenerEventType.OPENED);
            assertThat(opened.listeners()).extracting(Listener::endpoint).containsExactly("tcp/0.0.0.0:3031");
            assertThat(opened.host().node()).isEqualTo(identity.host().id());

            red.stopListeners();

            ListenerEvent closed = awaitEvent(reader, seen, hostId, ListenerEventType.CLOSED);
            assertThat(closed.listeners()).extracting(Listener::endpoint).containsExactly("tcp/0.0.0.0:3031");
            await().atMost(DEADLINE).untilAsserted(() -> assertThat(hostScan(hostId)).as("kept by its ip netns mount, now empty")
                    .hasValueSatisfying(scan -> assertThat(scan.listeners()).isEmpty()));

            red.close();

            await().atMost(DEADLINE).until(() -> hostScan(hostId).isEmpty());
        }
    }

    private static ListenerEvent awaitEvent(TopicReader reader, List<ListenerEvent> seen, String hostId, ListenerEventType type) {
        return await().atMost(DEADLINE).until(() -> {
            reader.poll().forEach(record -> seen.add(EventJson.fromBytes(record.value(), ListenerEvent.class)));
            return seen.stream().filter(event -> event.host().id().equals(hostId) && event.type() == type).findFirst();
        }, Optional::isPresent).orElseThrow();
    }

    private static Set<String> endpoints(NamespaceScan scan) {
        return scan.listeners().stream().map(Listener::endpoint).collect(Collectors.toSet());
    }
}
