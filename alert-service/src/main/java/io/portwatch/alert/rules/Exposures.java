package io.portwatch.alert.rules;

import io.portwatch.events.listener.ContainerInfo;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.PodInfo;
import io.portwatch.events.knowledge.PortKnowledge;

import java.util.Locale;

/** What the rules ask of a listener: can the network reach it, and is its owner one the knowledge expects. */
final class Exposures {

    private Exposures() {
    }

    /** Anything but loopback: bound to a network interface, or reached by a network probe. */
    static boolean fromNetwork(Listener listener) {
        return listener.exposure() != Exposure.LOOPBACK;
    }

    /** Whether the owning process is known and among the knowledge's expected processes (ignoring case). */
    static boolean ownedByExpectedProcess(Listener listener, PortKnowledge knowledge) {
        if (listener.process() == null || listener.process().name() == null) {
            return false;
        }
        String name = listener.process().name().toLowerCase(Locale.ROOT);
        return knowledge.expectedProcesses().stream().anyMatch(expected -> expected.toLowerCase(Locale.ROOT).equals(name));
    }

    /**
     * "tcp/0.0.0.0:3031 (ALL_INTERFACES, process rapportd[412])", or for a socket in another network namespace
     * "tcp/0.0.0.0:3031 (ALL_INTERFACES of container 3f2a1b9c0d4e's network namespace, process eppc[7])":
     * where, for titles and descriptions.
     */
    static String where(Listener listener) {
        String owner = listener.process() == null ? "owner unknown"
                : "process " + listener.process().name() + "[" + listener.process().pid() + "]";
        String exposure = listener.netns() == null || listener.netns().host() ? listener.exposure().toString()
                : listener.exposure() + " of " + namespaceOf(listener) + "'s network namespace";
        return listener.endpoint() + " (" + exposure + ", " + owner + ")";
    }

    /** "pod shop/web-0", "container 3f2a1b9c0d4e", "netns blue" or "netns 4026532301". */
    static String namespaceOf(Listener listener) {
        ContainerInfo container = listener.container();
        if (container != null && container.pod() != null) {
            PodInfo pod = container.pod();
            return "pod " + (pod.name() == null ? pod.uid() : pod.namespace() + "/" + pod.name());
        }
        if (container != null) {
            return "container " + (container.name() == null ? container.shortId() : container.name());
        }
        return "netns " + (listener.netns().name() == null ? Long.toString(listener.netns().inode()) : listener.netns().name());
    }
}
