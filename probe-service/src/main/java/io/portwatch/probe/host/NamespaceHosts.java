package io.portwatch.probe.host;

import io.portwatch.events.contract.ContractLimits;
import io.portwatch.events.contract.ControlCharacters;
import io.portwatch.events.listener.ContainerInfo;
import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.NetworkNamespace;

import java.util.List;

/**
 * The host that a network namespace's listeners are reported as. The node's own namespace is the node;
 * every other is a host of its own under the node's id, so alert-service keeps its listeners apart
 * (two containers may both listen on 0.0.0.0:80) and resolves its findings when it goes away. Ids are
 * stable while the namespace lives: a pod by its uid (its containers share the pod's namespace and may
 * restart), a container by its id, an {@code ip netns} namespace by its name, any other by its inode. Names
 * come escaped from the files that hold them; an id they would make longer than the contract allows falls
 * back to the inode, and a label is cut.
 */
final class NamespaceHosts {

    private NamespaceHosts() {
    }

    /**
     * The host for a namespace with these addresses (its interfaces'); {@code container} is that of the namespace's first
     * process, or null.
     */
    static HostInfo of(HostInfo node, NetworkNamespace netns, ContainerInfo container, List<String> addresses) {
        if (netns.host()) {
            return new HostInfo(node.id(), node.name(), addresses, node.node());
        }
        String suffix;
        String label;
        if (container != null && container.pod() != null) {
            suffix = "pod/" + container.pod().uid();
            label = container.pod().name() == null ? "pod " + container.pod().uid()
                    : "pod " + container.pod().namespace() + "/" + container.pod().name();
        } else if (container != null) {
            suffix = "container/" + container.shortId();
            label = "container " + (container.name() == null ? container.shortId() : container.name());
        } else if (netns.name() != null) {
            suffix = "netns/" + netns.name();
            label = "netns " + netns.name();
        } else {
            suffix = "netns/" + netns.inode();
            label = "netns " + netns.inode();
        }
        String id = node.id() + "/" + suffix;
        if (id.length() > ContractLimits.NAME) {
            id = node.id() + "/netns/" + netns.inode();
        }
        return new HostInfo(id, ControlCharacters.escapeAndCut(label + " on " + node.name(), ContractLimits.NAME), addresses, node.id());
    }
}
