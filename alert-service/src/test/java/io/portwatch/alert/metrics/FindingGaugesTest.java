package io.portwatch.alert.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.portwatch.alert.AlertFlow;
import io.portwatch.alert.Fixtures;
import io.portwatch.alert.findings.FindingEntity;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.events.knowledge.ServiceStatus;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.ListenerEventType;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of one consumer group, each with its own registry and the listener partitions it holds: only the owner of
 * partition 0 exports the findings gauge, so the sum over the instances is the database's count, whichever owns it.
 */
@QuarkusTest
class FindingGaugesTest {

    private static final PortKey VNC = new PortKey(Transport.TCP, 5900);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void onlyTheOwnerOfPartitionZeroReportsTheFindings() {
        try (AlertFlow flow = new AlertFlow(bootstrapServers).knowledge(1, Fixtures.knowledge(VNC, ServiceStatus.LEGACY, Risk.HIGH))) {
            flow.publish(Fixtures.event(ListenerEventType.OPENED, "gauge-host", Fixtures.listener(VNC, "0.0.0.0", Exposure.ALL_INTERFACES)));
            flow.awaitFinding("gauge-host", VNC, "legacy-service-exposed", FindingState.OPEN);
        }
        MeterRegistry first = new SimpleMeterRegistry();
        MeterRegistry second = new SimpleMeterRegistry();
        FindingGauges firstGauges = new FindingGauges(first);
        FindingGauges secondGauges = new FindingGauges(second);

        firstGauges.listenerPartitionsHeld(Set.of(0, 1, 2));
        secondGauges.listenerPartitionsHeld(Set.of(3, 4, 5));
        long before = storedFindings();
        firstGauges.count();
        secondGauges.count();
        // Findings are only ever added: bounded by the counts before and after, should another test's event land meanwhile.
        assertThat(total(first)).as("the owner of partition 0").isBetween(before, storedFindings());
        assertThat(second.find("portwatch.alert.findings").gauges()).as("any other instance").isEmpty();

        // A rebalance moves partition 0: the old owner stops exporting at once, the new one reports.
        firstGauges.listenerPartitionsHeld(Set.of(1, 2));
        secondGauges.listenerPartitionsHeld(Set.of(0, 3, 4, 5));
        before = storedFindings();
        firstGauges.count();
        secondGauges.count();
        assertThat(first.find("portwatch.alert.findings").gauges()).as("the old owner").isEmpty();
        assertThat(total(second)).as("the new owner").isBetween(before, storedFindings());
    }

    private static long total(MeterRegistry registry) {
        return Math.round(registry.find("portwatch.alert.findings").gauges().stream().mapToDouble(Gauge::value).sum());
    }

    private static long storedFindings() {
        return QuarkusTransaction.requiringNew().call(() -> FindingEntity.count());
    }
}
