package io.portwatch.alert.routing;

import io.portwatch.alert.config.AlertConfig;
import io.portwatch.events.Topics;
import io.portwatch.events.finding.FindingEvent;
import io.portwatch.events.finding.FindingState;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;

/** Which alert-route topics a finding change goes to, by the configured routes. */
@ApplicationScoped
public class AlertRoutes {

    private record Route(String topic, AlertConfig.Route conditions) {

        boolean matches(FindingEvent event) {
            return conditions.minSeverity().map(min -> event.severity().atLeast(min)).orElse(true)
                    && conditions.rules().map(rules -> rules.contains(event.rule())).orElse(true)
                    && conditions.ports().map(ports -> event.listener() != null && ports.contains(event.listener().port())).orElse(true)
                    && conditions.zones().map(zones -> zones.contains(event.zone())).orElse(true);
        }
    }

    private final List<Route> routes;

    public AlertRoutes(AlertConfig config) {
        this.routes = config.routes().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(route -> new Route(Topics.alertRoute(route.getKey()), route.getValue()))
                .toList();
    }

    /** The route topics of a finding change, e.g. {@code portwatch.alerts.paging}; none for a suppressed finding. */
    public List<String> topicsFor(FindingEvent event) {
        if (event.state() == FindingState.SUPPRESSED) {
            return List.of();
        }
        return routes.stream().filter(route -> route.matches(event)).map(Route::topic).toList();
    }
}
