package io.portwatch.probe.host;

import io.portwatch.events.listener.ContainerInfo;
import io.portwatch.events.listener.PodInfo;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which container a process runs in, read from its {@code /proc/<pid>/cgroup}: the container id is the
 * last 64-hex segment of the cgroup path, the runtime its prefix, the pod uid the kubelet's {@code pod<uid>}
 * segment. Covers cgroup v1 and v2 and both cgroup drivers:
 * <ul>
 *   <li>Docker: {@code /docker/<id>} (cgroupfs), {@code /system.slice/docker-<id>.scope} (systemd)</li>
 *   <li>containerd: {@code .../cri-containerd-<id>.scope}; CRI-O: {@code .../crio-<id>.scope}; Podman:
 *   {@code .../libpod-<id>.scope}</li>
 *   <li>kubelet: {@code /kubepods/burstable/pod<uid>/<id>} (cgroupfs),
 *   {@code /kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod<uid_with_underscores>.slice/...} (systemd)</li>
 * </ul>
 */
final class ContainerCgroups {

    private static final Pattern CONTAINER = Pattern.compile(
            "(?:^|/)(?:(docker|cri-containerd|crio|libpod)-)?([0-9a-f]{64})(?:\\.scope)?$");
    private static final Pattern POD = Pattern.compile("pod([0-9a-f]{8}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{12})");

    private ContainerCgroups() {
    }

    /** The container of a process, given the content of its cgroup file; empty on the host. */
    static Optional<ContainerInfo> parse(String cgroupFile) {
        for (String line : cgroupFile.split("\n")) {
            int pathStart = line.indexOf(':', line.indexOf(':') + 1);
            if (pathStart < 0) {
                continue;
            }
            Optional<ContainerInfo> container = fromPath(line.substring(pathStart + 1).trim());
            if (container.isPresent()) {
                return container;
            }
        }
        return Optional.empty();
    }

    private static Optional<ContainerInfo> fromPath(String path) {
        Matcher container = CONTAINER.matcher(path);
        if (!container.find()) {
            return Optional.empty();
        }
        String id = container.group(2);
        Matcher pod = POD.matcher(path);
        PodInfo podInfo = pod.find() ? new PodInfo(pod.group(1).replace('_', '-'), null, null) : null;
        return Optional.of(new ContainerInfo(id, runtime(container.group(1), path, podInfo != null), null, podInfo));
    }

    private static String runtime(String prefix, String path, boolean inPod) {
        if (prefix != null) {
            return switch (prefix) {
                case "docker" -> "docker";
                case "cri-containerd" -> "containerd";
                case "crio" -> "cri-o";
                default -> "podman";
            };
        }
        if (path.contains("/docker/")) {
            return "docker";
        }
        return inPod ? "cri" : "unknown";
    }
}
