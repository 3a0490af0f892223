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

    @Test
    void aNamespaceKeptOnlyByABindMountIsListedWithItsMountAndNoProcess() throws IOException {
        process("self", HOST);
        process("700", BLUE);
        Files.writeString(proc.resolve("self/mountinfo"), "22 1 8:1 / / rw - ext4 /dev/sda1 rw\n"
                + "640 26 0:4 net:[4026532407] /var/run/docker/netns/1f2e3d4c5b6a rw - nsfs nsfs rw\n"
                + "641 26 0:4 net:[" + BLUE + "] /var/run/docker/netns/0a1b2c rw - nsfs nsfs rw\n");

        List<NetNamespaces.Namespace> namespaces = NetNamespaces.list(proc, "self", netnsNames, true);

        assertThat(namespaces).extracting(namespace -> namespace.identity().inode()).containsExactly(HOST, BLUE, 4026532407L);
        assertThat(namespaces.get(1).readers()).containsExactly(proc.resolve("700"));
        assertThat(namespaces.get(1).mounts()).containsExactly(Path.of("/var/run/docker/netns/0a1b2c"));
        assertThat(namespaces.get(2).readers()).isEmpty();
        assertThat(namespaces.get(2).mounts()).containsExactly(Path.of("/var/run/docker/netns/1f2e3d4c5b6a"));
    }

    @Test
    void anIpNetnsNameWithNoProcessIsListedThroughItsFile() throws IOException {
        Path lonely = Files.createFile(netnsNames.resolve("lonely"));
        long inode = ((Number) Files.getAttribute(lonely, "unix:ino")).longValue();
        process("self", HOST);

        NetNamespaces.Namespace listed = NetNamespaces.list(proc, "self", netnsNames, true).get(1);

        assertThat(listed).isEqualTo(new NetNamespaces.Namespace(new NetworkNamespace(inode, false, "lonely"), List.of(), List.of(lonely)));
    }

    @Test
    void anIpNetnsNameWithControlCharactersIsEscaped() throws IOException {
        Path evil = Files.createFile(netnsNames.resolve("evil\u001b[2K\u0007"));
        long inode = ((Number) Files.getAttribute(evil, "unix:ino")).longValue();
        process("self", HOST);

        assertThat(NetNamespaces.list(proc, "self", netnsNames, true).get(1).identity().name()).isEqualTo("evil\\x1B[2K\\x07");
    }

    @Test
    void mountsAreOnlyLookedForWhenAskedForAll() throws IOException {
        Files.createFile(netnsNames.resolve("blue"));
        process("self", HOST);

        assertThat(NetNamespaces.list(proc, "self", netnsNames, false)).hasSize(1);
    }

    private void process(String pid, long inode) throws IOException {
        Path ns = Files.createDirectories(proc.resolve(pid).resolve("ns"));
        Files.createSymbolicLink(ns.resolve("net"), Path.of("net:[" + inode + "]"));
    }
}
