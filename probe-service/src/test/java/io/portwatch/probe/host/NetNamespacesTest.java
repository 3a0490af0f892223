package io.portwatch.probe.host;

import io.portwatch.events.listener.NetworkNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** On a proc tree made in a temporary directory, with ns/net links as the kernel shows them. */
class NetNamespacesTest {

    private static final long HOST = 4026531840L;
    private static final long BLUE = 4026532301L;

    @TempDir
    Path proc;

    @TempDir
    Path netnsNames;

    @Test
    void processesSharingAnInodeShareANamespaceAndTheHostsComesFirst() throws IOException {
        process("self", HOST);
        process("1", HOST);
        process("700", BLUE);
        process("31", BLUE);
        process("42", HOST);

        List<NetNamespaces.Namespace> namespaces = NetNamespaces.list(proc, "self", netnsNames, true);

        assertThat(namespaces).extracting(NetNamespaces.Namespace::identity)
                .containsExactly(new NetworkNamespace(HOST, true, null), new NetworkNamespace(BLUE, false, null));
        assertThat(namespaces.get(0).readers()).containsExactly(proc.resolve("self"), proc.resolve("1"), proc.resolve("42"));
        assertThat(namespaces.get(1).readers()).as("pid order, not directory order")
                .containsExactly(proc.resolve("31"), proc.resolve("700"));
    }

    @Test
    void onlyTheHostsWhenNotAskedForAll() throws IOException {
        process("self", HOST);
        process("700", BLUE);

        assertThat(NetNamespaces.list(proc, "self", netnsNames, false)).extracting(NetNamespaces.Namespace::identity)
                .containsExactly(new NetworkNamespace(HOST, true, null));
    }

    @Test
    void namedNamespacesCarryTheirIpNetnsName() throws IOException {
        Path blue = Files.createFile(netnsNames.resolve("blue"));
        long inode = ((Number) Files.getAttribute(blue, "unix:ino")).longValue();
        process("self", HOST);
        process("900", inode);

        assertThat(NetNamespaces.list(proc, "self", netnsNames, true).get(1).identity())
                .isEqualTo(new NetworkNamespace(inode, false, "blue"));
    }

    @Test
    void processesWhoseLinkCannotBeReadAreLeftOut() throws IOException {
        process("self", HOST);
        Files.createDirectories(proc.resolve("800"));
        Files.createDirectories(proc.resolve("801/ns"));
        Files.createSymbolicLink(proc.resolve("801/ns/net"), Path.of("mnt:[4026531841]"));

        assertThat(NetNamespaces.list(proc, "self", netnsNames, true)).hasSize(1);
    }

    private void process(String pid, long inode) throws IOException {
        Path ns = Files.createDirectories(proc.resolve(pid).resolve("ns"));
        Files.createSymbolicLink(ns.resolve("net"), Path.of("net:[" + inode + "]"));
    }
}
