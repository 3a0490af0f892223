package io.portwatch.alert.knowledge;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the knowledge view has caught up: correlating before that would miss findings. */
@Readiness
@ApplicationScoped
public class KnowledgeViewReadiness implements HealthCheck {

    private final KnowledgeView view;

    public KnowledgeViewReadiness(KnowledgeView view) {
        this.view = view;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("knowledge-view")
                .status(view.isCaughtUp())
                .withData("entries", view.size())
                .build();
    }
}
