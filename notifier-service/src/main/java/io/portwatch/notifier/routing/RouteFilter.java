package io.portwatch.notifier.routing;

import io.portwatch.events.finding.FindingEvent;
import io.portwatch.notifier.config.NotifierConfig;

/** Which finding changes an output takes: every condition its config gives must hold (docs/notifier.md, "Routing"). */
public final class RouteFilter {

    private final NotifierConfig.Output conditions;

    public RouteFilter(NotifierConfig.Output conditions) {
        this.conditions = conditions;
    }

    /** Whether the output takes this change. */
    public boolean accepts(FindingEvent event) {
        return event.severity().atLeast(conditions.minSeverity())
                && conditions.states().contains(event.state())
                && conditions.rules().map(rules -> rules.contains(event.rule())).orElse(true)
                && conditions.zones().map(zones -> zones.contains(event.zone())).orElse(true);
    }
}
