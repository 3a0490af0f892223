package io.portwatch.probe.host;

import io.portwatch.events.contract.ContractLimits;
import io.portwatch.events.listener.ContainerInfo;
import io.portwatch.events.listener.PodInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** On runtime files written as Docker, containerd and CRI-O write them (trimmed to the fields read). */
class ContainerMetadataTest {

    private static final String ID = "9b2e1c4d5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f901";
    private static final String POD_UID = "0f4e5a61-7b82-4c93-9da4-b5c6d7e8f901";

    @TempDir
    Path root;

    @Test
    void dockerNamesTheContainer() throws IOException {
        write("docker/" + ID + "/config.v2.json", "{\"ID\":\"" + ID + "\",\"Name\":\"/old-ard\",\"Config\":{\"Labels\":{}}}");

        assertThat(metadata(true).describe(new ContainerInfo(ID, "docker", null, null)))
                .isEqualTo(new ContainerInfo(ID, "docker", "old-ard", null));
    }

    @Test
    void namesWithControlCharactersAreEscapedAndLongOnesCut() throws IOException {
        write("containerd/" + ID + "/config.json", "{\"annotations\":{"
                + "\"io.kubernetes.cri.container-name\":\"web\\u001b[2K\\u0007\",\"io.kubernetes.cri.sandbox-name\":\"" + "p".repeat(300) + "\","
                + "\"io.kubernetes.cri.sandbox-namespace\":\"shop\\u009b\",\"io.kubernetes.cri.sandbox-uid\":\"" + POD_UID + "\"}}");

        ContainerInfo described = metadata(true).describe(new ContainerInfo(ID, "containerd", null, null));

        assertThat(described.name()).isEqualTo("web\\x1B[2K\\x07");
        assertThat(described.pod().namespace()).isEqualTo("shop\\x9B");
        assertThat(described.pod().name()).hasSize(ContractLimits.NAME).endsWith("…");
    }

    @Test
    void containerdsBundleNamesThePodAndContainer() throws IOException {
        write("containerd/" + ID + "/config.json", "{\"ociVersion\":\"1.1.0\",\"annotations\":{"
                + "\"io.kubernetes.cri.container-name\":\"web\",\"io.kubernetes.cri.sandbox-name\":\"web-0\","
                + "\"io.kubernetes.cri.sandbox-namespace\":\"shop\",\"io.kubernetes.cri.sandbox-uid\":\"" + POD_UID + "\"}}");

        assertThat(metadata(true).describe(new ContainerInfo(ID, "containerd", null, new PodInfo(POD_UID, null, null))))
                .isEqualTo(new ContainerInfo(ID, "containerd", "web", new PodInfo(POD_UID, "shop", "web-0")));
    }

    @Test
    void crioBundleNamesThePodEvenWhenTheCgroupDidNot() throws IOException {
        write("crio/" + ID + "/userdata/config.json", "{\"annotations\":{\"io.kubernetes.container.name\":\"db\","
                + "\"io.kubernetes.pod.name\":\"db-1\",\"io.kubernetes.pod.namespace\":\"data\",\"io.kubernetes.pod.uid\":\"" + POD_UID + "\"}}");

        assertThat(metadata(true).describe(new ContainerInfo(ID, "cri-o", null, null)))
                .isEqualTo(new ContainerInfo(ID, "cri-o", "db", new PodInfo(POD_UID, "data", "db-1")));
    }

    @Test
    void offByDefaultAndUnchangedWithoutFilesOrWithBrokenOnes() throws IOException {
        ContainerInfo container = new ContainerInfo(ID, "docker", null, null);
        write("docker/" + ID + "/config.v2.json", "{\"Name\":\"/old-ard\"}");
        assertThat(metadata(false).describe(container)).isSameAs(container);

        write("docker/" + ID + "/config.v2.json", "{not json");
        assertThat(metadata(true).describe(container)).isSameAs(container);

        assertThat(metadata(true).describe(new ContainerInfo("f".repeat(64), "docker", null, null)).name()).isNull();
    }

    @Test
    void aContainerIsReadOnceWhileScansSeeIt() throws IOException {
        ContainerMetadata metadata = metadata(true);
        ContainerInfo container = new ContainerInfo(ID, "docker", null, null);
        write("docker/" + ID + "/config.v2.json", "{\"Name\":\"/first\"}");
        metadata.describe(container);
        metadata.sweep();

        write("docker/" + ID + "/config.v2.json", "{\"Name\":\"/renamed\"}");
        assertThat(metadata.describe(container).name()).as("remembered").isEqualTo("first");
        metadata.sweep();
        metadata.sweep();

        assertThat(metadata.describe(container).name()).as("forgotten by a scan that did not see it, read again").isEqualTo("renamed");
    }

    private ContainerMetadata metadata(boolean enabled) {
        return new ContainerMetadata(enabled, List.of(root + "/docker/{id}/config.v2.json", root + "/containerd/{id}/config.json",
                root + "/crio/{id}/userdata/config.json"));
    }

    private void write(String file, String json) throws IOException {
        Path path = root.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, json);
    }
}
