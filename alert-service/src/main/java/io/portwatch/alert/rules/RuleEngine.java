package io.portwatch.alert.rules;

import io.portwatch.events.knowledge.PortKnowledge;
import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.Listener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.util.ArrayList;
import java.util.List;

/** Runs every rule against a listener, and judges its exposure inside the listener's network namespace. */
@ApplicationScoped
public class RuleEngine {

    private final List<Rule> rules;

    public RuleEngine(Instance<Rule> rules) {
        this.rules = rules.stream().toList();
    }

    /** The verdicts of every rule that applies to this listener. */
    public List<Verdict> evaluate(HostInfo host, Listener listener, PortKnowledge knowledge) {
        List<Verdict> verdicts = new ArrayList<>(2);
        for (Rule rule : rules) {
            rule.evaluate(host, listener, knowledge).ifPresent(verdict -> verdicts.add(ContainerNetworks.judge(verdict, listener)));
        }
        return verdicts;
    }
}
