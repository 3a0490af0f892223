package io.portwatch.events.listener;

/**
 * The container a process runs in, from its cgroup path and, where configured, the runtime's metadata.
 *
 * @param id      the full container id
 * @param runtime docker, containerd, cri-o or podman, as the cgroup path tells
 * @param name    the container's name, when the runtime's metadata was read; null otherwise
 * @param pod     the Kubernetes pod it belongs to, or null outside Kubernetes
 */
public record ContainerInfo(String id, String runtime, String name, PodInfo pod) {

    public ContainerInfo {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a container needs an id");
        }
    }

    /** The first 12 characters of the id, as {@code docker ps} shows it. */
    public String shortId() {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
