package io.portwatch.probe.host;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.portwatch.events.contract.ControlCharacters;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.ProcessInfo;
import io.portwatch.probe.config.ProbeConfig;
import io.portwatch.testing.Commands;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The lsof backend on this Linux machine, for real: Debian's lsof, run as root, against listeners a python3 child opens
 * (TCP and UDP, IPv4 and IPv6, loopback and wildcard, on ports the kernel picks) under a name with spaces; the ground
 * truth is {@code ss -H -tuln}. Then what the backend does when lsof is missing, fails, or runs without root.
 */
class LsofScannerTest {

    private static final Path SCRIPT = Path.of("src/test/resources/namespaces/named_listeners.py");
    private static final HostInfo NODE = new HostInfo("lsof-test-node", "lsof-test-node", List.of());
    private static final List<String> SPECS = List.of("tcp,4,127.0.0.1,0", "tcp,4,0.0.0.0,0", "tcp,6,::1,0", "tcp,6,::,0",
            "udp,4,127.0.0.1,0", "udp,4,0.0.0.0,0", "udp,6,::1,0", "udp,6,::,0");

    /** lsof's settings as the service's config gives them. */
    private record Lsof(String command, String psCommand, Duration timeout, int maxOutputBytes) implements ProbeConfig.LsofConfig {
        Lsof(String command) {
            this(command, "ps", Duration.ofSeconds(20), 64 << 20);
        }
    }

    @BeforeAll
    static void lsofIsInstalled() {
        assertThat(Commands.run("sh", "-c", "command -v lsof").ok()).as("lsof is missing: apt-get install lsof (.ci/run installs it)").isTrue();
        assertThat(Commands.run("sh", "-c", "command -v ss").ok()).as("ss is missing: apt-get install iproute2").isTrue();
    }

    @Test
    void theNodesListenersEqualSsWithTheirProcessEvenWithSpacesInItsName() throws IOException {
        try (ReadyProcess child = startNamed("pw lsof seen", SPECS)) {
            Set<Integer> ports = ports(child);

            InventoryScan scan = scanner("lsof", 0).scan();

            assertThat(scan.incompleteBecause()).isEmpty();
            assertThat(scan.hosts()).singleElement().satisfies(host -> assertThat(host.host().id()).isEqualTo(NODE.id()));
            List<Listener> seen = scan.hosts().get(0).listeners().stream().filter(listener -> ports.contains(listener.port())).toList();
            Set<String> bySs = SsListeners.endpoints(Commands.require("ss", "-H", "-tuln")).stream()
                    .filter(endpoint -> ports.contains(Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1))))
                    .collect(Collectors.toSet());
            assertThat(bySs).hasSize(SPECS.size());
            assertThat(seen.stream().map(Listener::endpoint).collect(Collectors.toSet())).isEqualTo(bySs);
            assertThat(seen).hasSize(SPECS.size());
            String python = ProcessHandle.of(child.pid()).orElseThrow().info().command().orElseThrow();
            for (Listener listener : seen) {
                assertThat(listener.process().pid()).as(listener.endpoint()).isEqualTo(child.pid());
                assertThat(listener.process().name()).as(listener.endpoint()).isEqualTo("pw lsof seen");
                assertThat(listener.process().uid()).as(listener.endpoint()).isZero();
                assertThat(listener.process().user()).as(listener.endpoint()).isEqualTo("root");
                assertThat(Files.isSameFile(Path.of(listener.process().exe()), Path.of(python))).as(listener.endpoint()).isTrue();
                assertThat(listener.sharedWith()).as(listener.endpoint()).isEmpty();
                assertThat(listener.inode()).as("lsof's d is the socket inode on Linux").isPositive();
                assertThat(listener.netns().host()).isTrue();
                assertThat(listener.exposure()).as(listener.endpoint()).isEqualTo(
                        listener.address().equals("127.0.0.1") || listener.address().equals("::1") ? Exposure.LOOPBACK : Exposure.ALL_INTERFACES);
            }
        }
    }

    @Test
    void oneSocketHeldByTwoProcessesIsOneListenerAndTwoReusePortSocketsAreTwo() {
        String output = new LsofOutput().process(412, "rapportd", 501, "mara")
                .tcpListener("4u", "IPv4", "0x6a1f27c3b5e4d001", "*:3031")
                .process(9001, "rapportd-fork", 501, "mara")
                .tcpListener("4u", "IPv4", "0x6a1f27c3b5e4d001", "*:3031")
                .process(666, "backdoor", 502, "eve")
                .tcpListener("3u", "IPv4", "0x77aa", "*:3031")
                .toString();

        List<Listener> listeners = LsofScanner.listeners(LsofFields.parse(output, problem -> { }), Map.of(412L, "/usr/libexec/rapportd"));

        assertThat(listeners).hasSize(2);
        assertThat(listeners.get(0).process().exe()).isEqualTo("/usr/libexec/rapportd");
        assertThat(listeners.get(0).sharedWith()).extracting(ProcessInfo::pid).containsExactly(9001L);
        assertThat(listeners.get(0).sharedWith()).extracting(ProcessInfo::exe).containsOnlyNulls();
        assertThat(listeners.get(1).process().name()).isEqualTo("backdoor");
        assertThat(listeners.get(1).socketKey()).isNotEqualTo(listeners.get(0).socketKey());
    }

    @Test
    void aNameThatTriesToForgeFieldsIsEscapedAndForgesNoListener() throws IOException {
        byte[] name = "ev\nn*:22\u001b[31m".getBytes(StandardCharsets.UTF_8);
        try (ReadyProcess child = startNamed(name, List.of("tcp,4,127.0.0.1,0"))) {
            int port = ports(child).iterator().next();

            List<Listener> own = scanner("lsof", 0).scan().hosts().get(0).listeners().stream()
                    .filter(listener -> listener.process() != null && listener.process().pid() == child.pid()).toList();

            assertThat(own).singleElement().satisfies(listener -> {
                assertThat(listener.port()).isEqualTo(port);
                assertThat(ControlCharacters.present(listener.process().name())).isFalse();
                assertThat(listener.process().name()).startsWith("ev").contains("n*:22");
            });
        }
    }

    @Test
    void runNotAsRootTheScanSaysItIsIncomplete() {
        InventoryScan scan = scanner("lsof", 501).scan();

        assertThat(scan.incompleteBecause()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("uid 501, not root").contains("incomplete"));
    }

    @Test
    void aMissingLsofMakesTheScanUnavailableAndSaysHowToInstallIt() {
        assertThatThrownBy(() -> scanner("/nonexistent/lsof", 0).scan())
                .isInstanceOf(HostInventoryUnavailable.class)
                .hasMessageContaining("lsof cannot be run")
                .hasMessageContaining("apt-get install lsof");
    }

    @Test
    void aFailingLsofMakesTheScanUnavailableWithItsMessage() {
        // ls refuses lsof's options and says so on stderr, as a broken lsof would.
        assertThatThrownBy(() -> scanner("ls", 0).scan())
                .isInstanceOf(HostInventoryUnavailable.class)
                .hasMessageStartingWith("lsof failed (exit 2)");
    }

    @Test
    void anOutputLargerThanTheLimitFailsTheScan() {
        LsofScanner tiny = new LsofScanner(new Lsof("lsof", "ps", Duration.ofSeconds(20), 16), NODE, Optional.of(List.of()), 0,
                new SimpleMeterRegistry());

        assertThatThrownBy(tiny::scan).isInstanceOf(HostInventoryUnavailable.class).hasMessageContaining("more than 16 bytes");
    }

    private static LsofScanner scanner(String command, long uid) {
        return new LsofScanner(new Lsof(command), NODE, Optional.of(List.of()), uid, new SimpleMeterRegistry());
    }

    private static ReadyProcess startNamed(String name, List<String> specs) throws IOException {
        return startNamed(name.getBytes(StandardCharsets.UTF_8), specs);
    }

    private static ReadyProcess startNamed(byte[] name, List<String> specs) throws IOException {
        List<String> command = new ArrayList<>(List.of("python3", SCRIPT.toString(), HexFormat.of().formatHex(name)));
        command.addAll(specs);
        return ReadyProcess.start(command);
    }

    private static Set<Integer> ports(ReadyProcess child) {
        return Arrays.stream(child.readyLine().split(" ")).map(Integer::parseInt).collect(Collectors.toSet());
    }
}
