package io.portwatch.alert.findings;

import io.portwatch.alert.rules.Verdict;
import io.portwatch.events.knowledge.PortKnowledge;
import io.portwatch.events.listener.Listener;

/**
 * A finding that should exist now: a rule's verdict on a listener, with the knowledge it was judged on.
 *
 * @param verdict   the rule's verdict
 * @param listener  the listener
 * @param knowledge the knowledge of its port
 */
public record Judgement(Verdict verdict, Listener listener, PortKnowledge knowledge) {
}
