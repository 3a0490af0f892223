package io.portwatch.events.listener;

/**
 * A Kubernetes pod.
 *
 * @param uid       the pod's uid, from the kubelet's cgroup layout
 * @param namespace the pod's namespace, when metadata was read; null otherwise
 * @param name      the pod's name, when metadata was read; null otherwise
 */
public record PodInfo(String uid, String namespace, String name) {
}
