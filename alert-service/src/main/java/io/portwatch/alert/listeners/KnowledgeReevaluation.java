package io.portwatch.alert.listeners;

import io.portwatch.alert.knowledge.KnowledgeChanged;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** When knowledge changes, the findings judged on it are judged again (severity up or down, new, resolved). */
@ApplicationScoped
public class KnowledgeReevaluation {

    private final Correlator correlator;

    public KnowledgeReevaluation(Correlator correlator) {
        this.correlator = correlator;
    }

    void onKnowledgeChanged(@Observes KnowledgeChanged event) {
        try {
            event.ports().forEach(correlator::reevaluate);
        } catch (RuntimeException e) {
            Log.errorf("Re-evaluation of %s failed; findings on those ports are judged again on their next listener event: %s",
                    event.ports(), e.getMessage());
        }
    }
}
