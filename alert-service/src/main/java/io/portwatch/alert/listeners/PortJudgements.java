package io.portwatch.alert.listeners;

import io.portwatch.alert.findings.Judgement;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.PortKnowledge;
import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.Listener;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The last judgements of one host's ports with listeners, and what they were judged on: the host, the port's
 * listeners in order, and the port's knowledge. The rules read nothing else, so while those are equal the port's
 * judgements are the ones kept, the very list: an event that leaves a port as it was (the SNAPSHOT after the OPENED
 * or CLOSED that told its change re-judges every port it covers) neither runs the rules again nor makes judgements
 * the memo would keep in place of equal ones it already holds. One entry per port with listeners; held with the
 * host's listeners ({@link HostListeners}) and forgotten with them, so that judging an event looks its host up once
 * (a lookup in a map of every host costs a cache miss or two: bench/RESULTS.md, alert-host-judgements-23). Not thread-safe: the
 * Correlator serializes access.
 */
final class PortJudgements {

    private record Judged(HostInfo host, List<Listener> listeners, PortKnowledge knowledge, List<Judgement> judgements) {

        /** Whether these are the inputs it was judged on: equal host and knowledge, equal listeners in the same order. */
        boolean on(HostInfo otherHost, List<Listener> otherListeners, PortKnowledge otherKnowledge) {
            return knowledge.equals(otherKnowledge) && host.equals(otherHost) && listeners.equals(otherListeners);
        }
    }

    /** What the rules make of a host's listeners on a port, with the port's knowledge. */
    @FunctionalInterface
    interface Rules {
        List<Judgement> judge(HostInfo host, List<Listener> listeners, PortKnowledge knowledge);
    }

    private final Map<PortKey, Judged> byPort = new HashMap<>();

    /**
     * The judgements of the host's ports with these listeners ({@code onPorts}: the listeners of each port judged, none
     * on a port as an empty list) and the ports' knowledge: for each port, the kept ones if they were judged on equal
     * ones, else those {@code rules} make of its listeners and knowledge, kept for next time (none kept for a port
     * without listeners).
     */
    Map<PortKey, List<Judgement>> judge(HostInfo host, Map<PortKey, List<Listener>> onPorts, Function<PortKey, PortKnowledge> knowledge,
            Rules rules) {
        Map<PortKey, List<Judgement>> judged = new HashMap<>();
        for (Map.Entry<PortKey, List<Listener>> port : onPorts.entrySet()) {
            List<Listener> listeners = port.getValue();
            PortKnowledge known = knowledge.apply(port.getKey());
            Judged kept = byPort.get(port.getKey());
            if (kept != null && kept.on(host, listeners, known)) {
                judged.put(port.getKey(), kept.judgements());
                continue;
            }
            List<Judgement> judgements = rules.judge(host, listeners, known);
            judged.put(port.getKey(), judgements);
            if (listeners.isEmpty()) {
                byPort.remove(port.getKey());
            } else {
                byPort.put(port.getKey(), new Judged(host, listeners, known, judgements));
            }
        }
        return judged;
    }
}
