package io.portwatch.alert.config;

import io.portwatch.events.finding.Severity;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
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

    /**
     * How stale a finding's {@code lastSeen} may get before an observation that changes nothing else
     * rewrites it: probes re-report every listener every snapshot, and rewriting every finding each
     * time would cost a row update per listener per snapshot.
     */
    @WithDefault("30s")
    Duration lastSeenResolution();

    /** The largest request body the API reads (actions and suppression policies are small JSON documents). */
    @WithDefault("65536")
    int maxBodyBytes();

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

        /** Findings seen by probes of these zones. */
        Optional<List<String>> zones();
    }
}
