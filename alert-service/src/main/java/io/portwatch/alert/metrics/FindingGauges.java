package io.portwatch.alert.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.portwatch.alert.findings.FindingEntity;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * {@code portwatch.alert.findings{state,severity}}: how many findings are in each state and severity,
 * counted in the database by one grouped query every interval (never per event).
 */
@ApplicationScoped
public class FindingGauges {

    private final MultiGauge findings;

    public FindingGauges(MeterRegistry registry) {
        this.findings = MultiGauge.builder("portwatch.alert.findings")
                .description("Findings by state and severity")
                .register(registry);
    }

    @Scheduled(identity = "finding-gauges", every = "15s", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void count() {
        try {
            List<Object[]> counts = QuarkusTransaction.requiringNew().call(() -> FindingEntity.getEntityManager()
                    .createQuery("select f.state, f.severity, count(f) from FindingEntity f group by f.state, f.severity", Object[].class)
                    .getResultList());
            findings.register(counts.stream()
                    .map(row -> MultiGauge.Row.of(Tags.of("state", row[0].toString(), "severity", row[1].toString()),
                            ((Number) row[2]).doubleValue()))
                    .toList(), true);
        } catch (RuntimeException e) {
            Log.warnf("Finding gauges not updated: %s", e.getMessage());
        }
    }
}
