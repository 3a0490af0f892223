package io.portwatch.probe.host;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** mountinfo lines as the kernel writes them (proc(5)): id, parent, dev, root, mount point, options, optional fields, -, type, source, super options. */
class NsfsMountsTest {

    private static final String ROOT_FS = "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n";
    private static final String IP_NETNS = "612 26 0:4 net:[4026532301] /run/netns/blue rw shared:286 - nsfs nsfs rw\n";
    private static final String DOCKER = "640 26 0:4 net:[4026532407] /var/run/docker/netns/1f2e3d4c5b6a rw - nsfs nsfs rw\n";

    @Test
    void netNamespaceBindMountsAnywhereAreFoundByInode() {
        Map<Long, List<Path>> mounts = NsfsMounts.parse(ROOT_FS + IP_NETNS + DOCKER);

        assertThat(mounts).containsExactly(
                Map.entry(4026532301L, List.of(Path.of("/run/netns/blue"))),
                Map.entry(4026532407L, List.of(Path.of("/var/run/docker/netns/1f2e3d4c5b6a"))));
    }

    @Test
    void oneNamespaceMountedTwiceHasBothMountPoints() {
        String again = "613 26 0:4 net:[4026532301] /tmp/blue-too rw - nsfs nsfs rw\n";

        assertThat(NsfsMounts.parse(IP_NETNS + again).get(4026532301L)).containsExactly(Path.of("/run/netns/blue"), Path.of("/tmp/blue-too"));
    }

    @Test
    void otherNamespaceTypesAndOtherFileSystemsAreNotNetworkNamespaces() {
        String mountNamespace = "614 26 0:4 mnt:[4026532302] /run/mntns/x rw - nsfs nsfs rw\n";
        String lookalike = "615 26 0:50 net:[4026532303] /srv/net rw - tmpfs tmpfs rw\n";

        assertThat(NsfsMounts.parse(ROOT_FS + mountNamespace + lookalike)).isEmpty();
    }

    @Test
    void octalEscapesInTheMountPointAreUndone() {
        String spaced = "616 26 0:4 net:[4026532304] /run/netns/a\\040b\\012c\\134d rw - nsfs nsfs rw\n";

        assertThat(NsfsMounts.parse(spaced).get(4026532304L)).containsExactly(Path.of("/run/netns/a b\nc\\d"));
    }

    @Test
    void optionalFieldsBeforeTheSeparatorAreSkipped() {
        String tagged = "617 26 0:4 net:[4026532305] /run/netns/tagged rw,nosuid shared:3 master:7 propagate_from:2 - nsfs nsfs rw\n";

        assertThat(NsfsMounts.parse(tagged)).containsOnlyKeys(4026532305L);
    }

    @Test
    void malformedLinesAreSkipped() {
        String truncated = "618 26 0:4 net:[4026532306]\n";
        String badInode = "619 26 0:4 net:[nope] /run/netns/x rw - nsfs nsfs rw\n";

        assertThat(NsfsMounts.parse(truncated + badInode + "\n" + IP_NETNS)).containsOnlyKeys(4026532301L);
    }
}
