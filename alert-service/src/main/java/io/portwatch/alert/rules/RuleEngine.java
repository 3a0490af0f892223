package io.portwatch.alert.rules;

import io.portwatch.events.knowledge.PortKnowledge;
import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.Listener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.util.List;
import java.util.Optional;

/** Runs every rule against a listener, and judges its exposure inside the listener's network namespace. */
@ApplicationScoped
public class RuleEngine {

    private final List<Rule> rules;

    public RuleEngine(Instance<Rule> rules) {
        this.rules = rules.stream().toList();
    }

    /** The verdicts of every rule that applies to this listener. */
    public List<Verdict> evaluate(HostInfo host, Listener listener, PortKnowledge knowledge) {
        return rules.stream()
                .map(rule -> rule.evaluate(host, listener, knowledge))
                .flatMap(Optional::stream)
                .map(verdict -> ContainerNetworks.judge(verdict, listener))
                .toList();
    }
}
