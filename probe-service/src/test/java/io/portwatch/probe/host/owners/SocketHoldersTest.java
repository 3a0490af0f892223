package io.portwatch.probe.host.owners;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kept state on a proc tree made in a temporary directory, where a test decides what a process's stamp says: pid
 * reuse, a socket no process holds, what an unchanged stamp keeps and how long.
 */
class SocketHoldersTest {

    @TempDir
    Path proc;

    @Test
    void aPidReusedByAnotherProcessDoesNotKeepTheOldOwnersSockets() throws IOException {
        process(100, 1000, "socket:[5]");
        SocketHolders holders = new SocketHolders(proc, Integer.MAX_VALUE);
        assertThat(holders.find(Set.of(5L, 6L))).isEqualTo(Map.of(5L, List.of(100L)));

        process(100, 2000, "socket:[6]");

        assertThat(holders.find(Set.of(5L, 6L))).isEqualTo(Map.of(6L, List.of(100L)));
    }

    @Test
    void aNewSocketIsFoundWhicheverProcessHoldsIt() throws IOException {
        process(100, 1000, "socket:[5]", "pipe:[9]");
        process(200, 1000, "/dev/null");
        SocketHolders holders = new SocketHolders(proc, Integer.MAX_VALUE);
        holders.find(Set.of(5L));

        Files.delete(proc.resolve("200/fd/3"));
        Files.createSymbolicLink(proc.resolve("200/fd/3"), Path.of("socket:[7]"));

        assertThat(holders.find(Set.of(5L, 7L))).isEqualTo(Map.of(5L, List.of(100L), 7L, List.of(200L)));
    }

    @Test
    void anUnchangedStampKeepsItsSocketsUntilTheNextFullWalk() throws IOException {
        process(100, 1000, "socket:[5]");
        process(200, 1000, "socket:[6]");
        SocketHolders holders = new SocketHolders(proc, 3);
        holders.find(Set.of(5L, 6L));

        // 200 closes its socket and receives 100's in the same descriptor between two scans: the count is the same.
        Files.delete(proc.resolve("200/fd/3"));
        Files.createSymbolicLink(proc.resolve("200/fd/3"), Path.of("socket:[5]"));

        assertThat(holders.find(Set.of(5L, 6L))).as("the lag DESIGN.md describes").isEqualTo(Map.of(5L, List.of(100L), 6L, List.of(200L)));
        assertThat(holders.find(Set.of(5L, 6L))).isEqualTo(Map.of(5L, List.of(100L), 6L, List.of(200L)));
        assertThat(holders.find(Set.of(5L, 6L))).as("the third scan walks every process").isEqualTo(Map.of(5L, List.of(100L, 200L)));
    }

    @Test
    void aSocketNobodyHoldsIsLookedForOnceAndNotOnEveryScan() throws IOException {
        process(100, 1000, "socket:[5]");
        SocketHolders holders = new SocketHolders(proc, Integer.MAX_VALUE);
        assertThat(holders.find(Set.of(5L, 99L))).isEqualTo(Map.of(5L, List.of(100L)));

        // Not walked again: a link to 99 made behind an unchanged stamp stays unseen until the stamp changes.
        Files.delete(proc.resolve("100/fd/3"));
        Files.createSymbolicLink(proc.resolve("100/fd/3"), Path.of("socket:[99]"));
        assertThat(holders.find(Set.of(5L, 99L))).isEqualTo(Map.of(5L, List.of(100L)));
    }

    @Test
    void aProcessWithoutAReadableStampIsWalkedOnEveryScan() throws IOException {
        process(100, 1000, "socket:[5]");
        Files.writeString(proc.resolve("100/stat"), "100 (x) S 1");
        SocketHolders holders = new SocketHolders(proc, Integer.MAX_VALUE);
        holders.find(Set.of(5L));

        Files.delete(proc.resolve("100/fd/3"));
        Files.createSymbolicLink(proc.resolve("100/fd/3"), Path.of("socket:[6]"));

        assertThat(holders.find(Set.of(5L, 6L))).isEqualTo(Map.of(6L, List.of(100L)));
    }

    @Test
    void linksThatAreNotTheKernelsSocketFormAreNoSockets() throws IOException {
        process(100, 1000, "socket:[-5]", "socket:[5", "socket:[x]", "socket:[99999999999999999999]", "xsocket:[5]");

        assertThat(new SocketHolders(proc, 1).find(Set.of(5L, -5L))).isEmpty();
    }

    /** A process directory whose stat says {@code startTime}, with these descriptor links from 3 on (any before are removed). */
    private void process(int pid, long startTime, String... fdTargets) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Integer.toString(pid)));
        Files.writeString(dir.resolve("stat"), pid + " (p) S 1 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 " + startTime + " 0 0\n");
        Path fd = dir.resolve("fd");
        if (Files.exists(fd)) {
            try (var old = Files.list(fd)) {
                for (Path link : old.toList()) {
                    Files.delete(link);
                }
            }
        }
        Files.createDirectories(fd);
        for (int i = 0; i < fdTargets.length; i++) {
            Files.createSymbolicLink(fd.resolve(Integer.toString(i + 3)), Path.of(fdTargets[i]));
        }
    }
}
