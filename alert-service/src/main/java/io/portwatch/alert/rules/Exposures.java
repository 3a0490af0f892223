package io.portwatch.alert.rules;

import io.portwatch.events.listener.ContainerInfo;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.PodInfo;
import io.portwatch.events.listener.ProcessInfo;
import io.portwatch.events.knowledge.PortKnowledge;

import java.util.List;
import java.util.Optional;

/** What the rules ask of a listener: can the network reach it, and do its owners run what the knowledge expects there. */
final class Exposures {

    private Exposures() {
    }

    /** Anything but loopback: bound to a network interface, or reached by a network probe. */
    static boolean fromNetwork(Listener listener) {
        return listener.exposure() != Exposure.LOOPBACK;
    }

    /**
     * Whether every process holding the socket runs an executable the knowledge expects there, judged by what a
     * process cannot choose: its executable's path (intact: known, absolute, not deleted since it started), and
     * only outside a container, where the path is the node's file, not one the container image chose. The name a
     * process gives itself counts for nothing.
     */
    static boolean ownedByExpectedExecutable(Listener listener, PortKnowledge knowledge) {
        List<ProcessInfo> owners = listener.owners();
        return !owners.isEmpty() && listener.container() == null
                && owners.stream().allMatch(owner -> expectedExecutable(owner, knowledge));
    }

    /** The first owner that does not run an expected executable, if any. */
    static Optional<ProcessInfo> unexpectedOwner(Listener listener, PortKnowledge knowledge) {
        return listener.owners().stream()
                .filter(owner -> listener.container() != null || !expectedExecutable(owner, knowledge))
                .findFirst();
    }

    /** Whether a process calls itself by a name the knowledge expects (ignoring case): a claim, never a proof. */
    static boolean claimsExpectedName(ProcessInfo owner, PortKnowledge knowledge) {
        return owner.name() != null && knowledge.expectedProcesses().stream().anyMatch(name -> name.equalsIgnoreCase(owner.name()));
    }

    /** "rapportd[412] (/usr/libexec/rapportd, uid 501)": an owner with what it runs and as whom. */
    static String describe(ProcessInfo owner) {
        String exe = owner.exe() == null ? "executable unknown" : owner.exe();
        String user = owner.uid() != null ? "uid " + owner.uid() : owner.user() != null ? "user " + owner.user() : "user unknown";
        return owner.name() + "[" + owner.pid() + "] (" + exe + ", " + user + ")";
    }

    private static boolean expectedExecutable(ProcessInfo owner, PortKnowledge knowledge) {
        return owner.exeIntact() && knowledge.expectedExecutables().contains(owner.exe());
    }

    /**
     * "tcp/0.0.0.0:3031 (ALL_INTERFACES, process rapportd[412])", or for a socket in another network namespace
     * "tcp/0.0.0.0:3031 (ALL_INTERFACES of container 3f2a1b9c0d4e's network namespace, process eppc[7])":
     * where, for titles and descriptions.
     */
    static String where(Listener listener) {
        String owner = listener.process() == null ? "owner unknown"
                : "process " + listener.process().name() + "[" + listener.process().pid() + "]"
                        + (listener.sharedWith().isEmpty() ? "" : " and " + listener.sharedWith().size() + " more");
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
