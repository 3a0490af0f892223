package io.portwatch.probe.host;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.portwatch.events.listener.NetworkNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Namespaces whose processes exit, or whose pids are reused elsewhere, between listing and reading. */
class NamespaceTablesTest {

    private static final long BLUE = 4026532301L;
    private static final String TCP_HEADER = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";
    private static final String LISTENER_0_0_0_0_3031 =
            "   0: 00000000:0BD7 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 91234 1 0000000000000000 100 0 0 10 0\n";

    @TempDir
    Path proc;

    private final Counter vanished = new SimpleMeterRegistry().counter("vanished");
    private final Counter unreadable = new SimpleMeterRegistry().counter("unreadable");
    private final NamespaceTables tables = new NamespaceTables(vanished, (file, problem) -> {
    }, new NsenterTables(Duration.ofSeconds(5), unreadable));

    @Test
    void readsThroughTheFirstProcessStillInTheNamespace() throws IOException {
        Path exited = proc.resolve("31");
        Path living = process("700", BLUE, TCP_HEADER + LISTENER_0_0_0_0_3031);

        NamespaceTables.Read read = tables.read(namespace(exited, living)).orElseThrow();

        assertThat(read.reader()).isEqualTo(living);
        assertThat(read.entries()).extracting(SocketEntry::port, SocketEntry::inode).containsExactly(org.assertj.core.groups.Tuple.tuple(3031, 91234L));
        assertThat(vanished.count()).isZero();
    }

    @Test
    void aPidReusedByAProcessInAnotherNamespaceIsNotRead() throws IOException {
        Path reused = process("31", 4026532999L, TCP_HEADER + LISTENER_0_0_0_0_3031);
        Path living = process("700", BLUE, TCP_HEADER);

        NamespaceTables.Read read = tables.read(namespace(reused, living)).orElseThrow();

        assertThat(read.reader()).isEqualTo(living);
        assertThat(read.entries()).isEmpty();
    }

    @Test
    void aNamespaceWhoseProcessesAllExitedIsSkippedAndCounted() {
        assertThat(tables.read(namespace(proc.resolve("31"), proc.resolve("700")))).isEmpty();
        assertThat(vanished.count()).isEqualTo(1);
    }

    @Test
    void aNamespaceWithNoProcessWhoseMountCannotBeEnteredIsSkippedAsUnreadableNotVanished() throws IOException {
        Path notANamespace = Files.writeString(proc.resolve("not-a-namespace"), "");
        NetNamespaces.Namespace mountOnly = new NetNamespaces.Namespace(new NetworkNamespace(BLUE, false, null), List.of(), List.of(notANamespace));

        assertThat(tables.read(mountOnly)).isEmpty();
        assertThat(tables.read(mountOnly)).isEmpty();

        assertThat(unreadable.count()).as("counted per scan").isEqualTo(2);
        assertThat(vanished.count()).isZero();
    }

    private NetNamespaces.Namespace namespace(Path... readers) {
        return new NetNamespaces.Namespace(new NetworkNamespace(BLUE, false, null), List.of(readers), List.of());
    }

    private Path process(String pid, long inode, String tcp) throws IOException {
        Path process = proc.resolve(pid);
        Files.createDirectories(process.resolve("ns"));
        Files.createSymbolicLink(process.resolve("ns/net"), Path.of("net:[" + inode + "]"));
        Files.createDirectories(process.resolve("net"));
        Files.writeString(process.resolve("net/tcp"), tcp);
        return process;
    }
}
