package io.portwatch.probe.host;

import io.portwatch.events.listener.ContainerInfo;
import io.portwatch.events.listener.PodInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The cgroup paths that Docker, containerd, CRI-O, Podman and the kubelet write, with cgroup v1 and v2. */
class ContainerCgroupsTest {

    private static final String ID = "9b2e1c4d5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f901";
    private static final String POD = "0f4e5a61-7b82-4c93-9da4-b5c6d7e8f901";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0::/docker/" + ID + "|docker",
            "0::/system.slice/docker-" + ID + ".scope|docker",
            "12:memory:/docker/" + ID + "\\n11:pids:/docker/" + ID + "|docker",
            "0::/user.slice/user-1000.slice/user@1000.service/user.slice/libpod-" + ID + ".scope|podman",
            "0::/machine.slice/crio-" + ID + ".scope|cri-o",
    })
    void containerOutsideKubernetes(String cgroup, String runtime) {
        assertThat(ContainerCgroups.parse(cgroup.replace("\\n", "\n"))).contains(new ContainerInfo(ID, runtime, null, null));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod0f4e5a61_7b82_4c93_9da4_b5c6d7e8f901.slice/cri-containerd-" + ID + ".scope|containerd",
            "0::/kubepods.slice/kubepods-pod0f4e5a61_7b82_4c93_9da4_b5c6d7e8f901.slice/crio-" + ID + ".scope|cri-o",
            "0::/kubepods/besteffort/pod0f4e5a61-7b82-4c93-9da4-b5c6d7e8f901/" + ID + "|cri",
            "11:cpu,cpuacct:/kubepods/burstable/pod0f4e5a61-7b82-4c93-9da4-b5c6d7e8f901/" + ID + "\\n0::/|cri",
    })
    void containerOfAPod(String cgroup, String runtime) {
        assertThat(ContainerCgroups.parse(cgroup.replace("\\n", "\n")))
                .contains(new ContainerInfo(ID, runtime, null, new PodInfo(POD, null, null)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "0::/",
            "0::/init.scope",
            "0::/system.slice/ssh.service",
            "0::/user.slice/user-1000.slice/session-3.scope",
            "4:memory:/process_api/cb9c813c870267cb0643ee3d15b78364",
            "",
            "garbage without colons",
            "0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod0f4e5a61_7b82_4c93_9da4_b5c6d7e8f901.slice",
    })
    void hostProcessesHaveNoContainer(String cgroup) {
        assertThat(ContainerCgroups.parse(cgroup)).isEmpty();
    }
}
