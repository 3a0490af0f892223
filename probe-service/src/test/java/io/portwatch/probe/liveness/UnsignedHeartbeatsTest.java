package io.portwatch.probe.liveness;

import io.portwatch.events.Topics;
import io.portwatch.events.fleet.RecordSignature;
import io.portwatch.probe.fleet.FleetIdentity;
import io.portwatch.testing.KafkaBrokerResource;
import io.portwatch.testing.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A probe without enrolment writes unsigned records and no heartbeats: alert-service refuses unsigned heartbeats, so each
 * would be dead-lettered and raise the dead-letter alert of every unenrolled setup (test config: a heartbeat every second).
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class UnsignedHeartbeatsTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    FleetIdentity fleet;

    @Test
    void anUnsignedProbeSendsNoHeartbeat() {
        try (TopicReader listeners = new TopicReader(bootstrapServers, Topics.LISTENERS);
                TopicReader heartbeats = new TopicReader(bootstrapServers, Topics.PROBE_HEARTBEATS)) {
            // Scheduled work runs: the probe has published listener events, unsigned.
            await().atMost(Duration.ofSeconds(30)).until(() -> !listeners.poll().isEmpty());
            assertThat(fleet.ready()).isTrue();
            assertThat(fleet.credentials()).isEmpty();

            // Three heartbeat intervals: every heartbeat on the topic is another (signed) probe's.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> heartbeats.poll().stream()
                    .allMatch(record -> record.headers().lastHeader(RecordSignature.SIGNATURE_HEADER) != null));
        }
    }
}
