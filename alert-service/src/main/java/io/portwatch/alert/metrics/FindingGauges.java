package io.portwatch.alert.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.portwatch.alert.database.SchemaJobs;
import io.portwatch.alert.findings.FindingEntity;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Set;

/**
 * {@code portwatch.alert.findings{state,severity}}: how many findings are in each state and severity,
 * counted in the database by one grouped query every interval (never per event). The count is of the whole
 * database, so only one instance reports it: the one holding the listener topic's partition
 * {@value #REPORTING_PARTITION} (a partition has one owner in the group at a time). The others export no
 * series, and a sum over the instances is the count, not a multiple of it.
 */
@ApplicationScoped
public class FindingGauges {

    /** The listener partition whose owner reports: every listener topic has one. */
    static final int REPORTING_PARTITION = 0;

    private final MultiGauge findings;
    private volatile boolean reporting;

    public FindingGauges(MeterRegistry registry) {
        this.findings = MultiGauge.builder("portwatch.alert.findings")
                .description("Findings by state and severity (exported by one instance: the owner of listener partition 0)")
                .register(registry);
    }

    /**
     * The listener partitions this instance holds now (after a rebalance): it reports the findings while they include
     * {@value #REPORTING_PARTITION}, and stops exporting them at once when they no longer do.
     */
    public void listenerPartitionsHeld(Set<Integer> partitions) {
        reporting = partitions.contains(REPORTING_PARTITION);
        if (!reporting) {
            findings.register(List.of(), true);
        }
    }

    @Scheduled(identity = "finding-gauges", every = "${portwatch.alert.findings-gauge-interval}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = SchemaJobs.class)
    void count() {
        if (!reporting) {
            return;
        }
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
