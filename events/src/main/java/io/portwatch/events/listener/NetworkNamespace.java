package io.portwatch.events.listener;

/**
 * The network namespace a socket lives in: its exposure is judged inside it.
 *
 * @param inode the namespace's inode ({@code readlink /proc/<pid>/ns/net} shows {@code net:[inode]})
 * @param host  whether it is the node's own namespace; a container's or pod's {@code 0.0.0.0} is every
 *              interface of that namespace, not of the node
 * @param name  the {@code ip netns} name, when it has one; null otherwise
 */
public record NetworkNamespace(long inode, boolean host, String name) {
}
