package io.portwatch.alert.rules;

import io.portwatch.events.knowledge.PortKnowledge;
import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.Listener;

import java.util.Optional;

/** A correlation rule: judges one listener of a host against the knowledge of its port. */
public interface Rule {

    /** The rule's stable id, part of every finding id it raises. */
    String id();

    /**
     * The finding this listener deserves under this rule, or empty when the rule does not apply. Reads nothing but
     * its arguments: the correlator keeps a port's judgements while the host, listeners and knowledge stay equal.
     */
    Optional<Verdict> evaluate(HostInfo host, Listener listener, PortKnowledge knowledge);
}
