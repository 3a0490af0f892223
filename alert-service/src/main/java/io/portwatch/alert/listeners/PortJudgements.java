package io.portwatch.alert.listeners;

import io.portwatch.alert.findings.Judgement;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.PortKnowledge;
import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.Listener;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The last judgements of each host's ports with listeners, and what they were judged on: the host, the port's
 * listeners in order, and the port's knowledge. The rules read nothing else, so while those are equal the port's
 * judgements are the ones kept, the very list: an event that leaves a port as it was (the SNAPSHOT after the OPENED
 * or CLOSED that told its change re-judges every port it covers) neither runs the rules again nor makes judgements
 * the memo would keep in place of equal ones it already holds. One entry per port with listeners of a held host;
 * forgotten with the host. Not thread-safe: the Correlator serializes access.
 */
final class PortJudgements {

    private record Judged(HostInfo host, List<Listener> listeners, PortKnowledge knowledge, List<Judgement> judgements) {

        /** Whether these are the inputs it was judged on: equal host and knowledge, equal listeners in the same order. */
        boolean on(HostInfo otherHost, List<Listener> otherListeners, PortKnowledge otherKnowledge) {
            return knowledge.equals(otherKnowledge) && host.equals(otherHost) && listeners.equals(otherListeners);
        }
    }

    private final Map<String, Map<PortKey, Judged>> byHost = new HashMap<>();

    /**
     * The judgements of a host's port with these listeners and this knowledge: the kept ones if they were judged on
     * equal ones, else those {@code rules} make, kept for next time (none kept for a port without listeners).
     */
    List<Judgement> judge(HostInfo host, PortKey port, List<Listener> listeners, PortKnowledge knowledge,
            Supplier<List<Judgement>> rules) {
        if (listeners.isEmpty()) {
            Map<PortKey, Judged> ports = byHost.get(host.id());
            if (ports != null && ports.remove(port) != null && ports.isEmpty()) {
                byHost.remove(host.id());
            }
            return rules.get();
        }
        Map<PortKey, Judged> ports = byHost.computeIfAbsent(host.id(), id -> new HashMap<>());
        Judged kept = ports.get(port);
        if (kept != null && kept.on(host, listeners, knowledge)) {
            return kept.judgements();
        }
        List<Judgement> judgements = rules.get();
        ports.put(port, new Judged(host, listeners, knowledge, judgements));
        return judgements;
    }

    /** Forgets what was judged of these hosts. */
    void forget(Collection<String> hostIds) {
        hostIds.forEach(byHost::remove);
    }
}
