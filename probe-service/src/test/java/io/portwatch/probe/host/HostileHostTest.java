package io.portwatch.probe.host;

import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.NetworkNamespace;
import io.portwatch.events.listener.ProcessInfo;
import io.portwatch.probe.config.ProbeIdentity;
import io.portwatch.testing.Commands;
import io.portwatch.testing.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.portwatch.probe.host.ProbeApi.hostScan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a process on a watched host may do to hide or disguise a listener, against the real /proc, in network
 * namespaces the test creates (nothing leaves them but a Unix socket's message): the probe must report what
 * {@code ss} inside the namespace reports, owner by owner.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class HostileHostTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Path SCRIPTS = Path.of("src/test/resources/namespaces");

    @Inject
    ProbeIdentity identity;

    @TempDir
    Path temporary;

    @Test
    void twoProcessesOnOnePortWithSoReuseportAreTwoListenersEachWithItsOwner() throws Exception {
        try (TestNamespace namespace = TestNamespace.empty("reuse")) {
            ReadyProcess service = namespace.startPython("reuseport.py", "127.0.0.1", "3031");
            ReadyProcess hijacker = namespace.startPython("reuseport.py", "127.0.0.1", "3031");
            Map<Long, Long> groundTruth = namespace.tcpListenerOwnersBySs();
            assertThat(groundTruth.values()).as("ss in " + namespace.name()).containsExactlyInAnyOrder(service.pid(), hijacker.pid());
            String hostId = identity.host().id() + "/netns/" + namespace.name();

            await().atMost(DEADLINE).untilAsserted(() -> assertThat(hostScan(hostId)).hasValueSatisfying(scan ->
                    assertThat(ownersByInode(scan.listeners())).isEqualTo(groundTruth)));

            assertThat(hostScan(hostId).orElseThrow().listeners()).allSatisfy(listener -> {
                assertThat(listener.endpoint()).isEqualTo("tcp/127.0.0.1:3031");
                assertThat(listener.sharedWith()).isEmpty();
            });
        }
    }

    @Test
    void aNamespaceNoProcessIsInIsReadWithItsSocketOwnedByTheHostProcessHoldingIt() throws Exception {
        Path unixSocket = temporary.resolve("pass.sock");
        try (TestNamespace namespace = TestNamespace.empty("orphan");
             ReadyProcess holder = ReadyProcess.start(List.of("/usr/bin/python3", SCRIPTS.resolve("pass_listener.py").toAbsolutePath().toString(),
                     "receive", unixSocket.toString()))) {
            ReadyProcess sender = namespace.startPython("pass_listener.py", "send", unixSocket.toString(), "3031");
            holder.awaitLine("received");
            assertThat(sender.awaitExit()).as("the process that opened the socket exited").isTrue();
            assertThat(Commands.require("ip", "netns", "pids", namespace.name())).as("no process in " + namespace.name()).isEmpty();
            Map<Long, Long> groundTruth = namespace.tcpListenerOwnersBySs();
            assertThat(groundTruth.values()).as("ss in " + namespace.name()).containsExactly(holder.pid());
            String hostId = identity.host().id() + "/netns/" + namespace.name();

            await().atMost(DEADLINE).untilAsserted(() -> assertThat(hostScan(hostId)).hasValueSatisfying(scan ->
                    assertThat(ownersByInode(scan.listeners())).isEqualTo(groundTruth)));

            Listener listener = hostScan(hostId).orElseThrow().listeners().get(0);
            assertThat(listener.endpoint()).isEqualTo("tcp/0.0.0.0:3031");
            assertThat(listener.netns()).isEqualTo(new NetworkNamespace(namespace.inode(), false, namespace.name()));
            assertThat(listener.process().exe()).isEqualTo(Path.of("/usr/bin/python3").toRealPath().toString());
        }
    }

    @Test
    void aProcessNamedWithTerminalEscapesIsReportedEscapedWithItsRealExecutableAndUid() throws Exception {
        String name = "a\u001b[2K\u001b[8m";
        try (ReadyProcess renamed = ReadyProcess.start(List.of("/usr/bin/python3", SCRIPTS.resolve("renamed.py").toAbsolutePath().toString(),
                HexFormat.of().formatHex(name.getBytes(StandardCharsets.UTF_8))))) {
            int port = Integer.parseInt(renamed.readyLine());

            ProcessInfo owner = await().atMost(DEADLINE).until(() -> ProbeApi.listeners().stream()
                    .filter(listener -> listener.port() == port && listener.process() != null)
                    .map(Listener::process)
                    .findFirst().orElse(null), process -> process != null);

            assertThat(owner.pid()).isEqualTo(renamed.pid());
            assertThat(owner.name()).isEqualTo("a\\x1B[2K\\x1B[8m");
            assertThat(owner.exe()).isEqualTo(Path.of("/usr/bin/python3").toRealPath().toString());
            assertThat(owner.uid()).isEqualTo(Integer.valueOf(Commands.require("id", "-u").get(0)));
        }
    }

    private static Map<Long, Long> ownersByInode(List<Listener> listeners) {
        return listeners.stream().filter(listener -> listener.process() != null)
                .collect(Collectors.toMap(Listener::inode, listener -> listener.process().pid(), (a, b) -> a));
    }
}
