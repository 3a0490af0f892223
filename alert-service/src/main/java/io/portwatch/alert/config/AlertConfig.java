package io.portwatch.alert.config;

import io.portwatch.events.finding.Severity;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** alert-service's configuration, {@code portwatch.alert.*}. */
@ConfigMapping(prefix = "portwatch.alert")
public interface AlertConfig {

    /**
     * Alert routes: each finding change that matches a route also goes to {@code portwatch.alerts.<route>}
     * (the topic must exist). Every condition given must hold; a route with none takes everything.
     */
    Map<String, Route> routes();

    /** The largest page the findings API returns. */
    @WithDefault("100")
    int maxPageSize();

    /** What a route takes. */
    interface Route {

        /** Findings at least this severe. */
        Optional<Severity> minSeverity();

        /** Findings of these rules. */
        Optional<List<String>> rules();

        /** Findings on these ports. */
        Optional<List<Integer>> ports();
    }
}
