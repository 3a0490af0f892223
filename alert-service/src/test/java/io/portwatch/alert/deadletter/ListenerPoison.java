package io.portwatch.alert.deadletter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.portwatch.alert.AlertFlow;
import io.portwatch.events.Topics;
import io.portwatch.testing.TopicReader;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A few records under one key that are not listener events, and the listener dead-letter counters as they stood
 * when these were made: what a test of their dead letters checks.
 */
final class ListenerPoison {

    private final String key;
    private final List<String> values;
    private final Counter sent;
    private final Counter undelivered;
    private final Counter retries;
    private final double sentBefore;
    private final double undeliveredBefore;
    private final double retriesBefore;

    /** {@code count} records keyed {@code prefix + "poison"}, each value unique to the prefix. */
    ListenerPoison(String prefix, int count, MeterRegistry registry) {
        this.key = prefix + "poison";
        this.values = IntStream.range(0, count).mapToObj(i -> "not an event " + prefix + i).toList();
        this.sent = registry.find("portwatch.alert.dead.letters").tag("topic", Topics.LISTENERS_DLQ).counter();
        this.undelivered = registry.find("portwatch.alert.dead.letters.undelivered").tag("topic", Topics.LISTENERS_DLQ).counter();
        this.retries = registry.find("portwatch.alert.dead.letters.retries").counter();
        this.sentBefore = sent.count();
        this.undeliveredBefore = undelivered.count();
        this.retriesBefore = retries.count();
    }

    String key() {
        return key;
    }

    int count() {
        return values.size();
    }

    /** Publishes them to the listener topic together, in order, as one batch. */
    void publish(AlertFlow flow) {
        flow.publishTogetherRaw(key, values.stream().map(value -> value.getBytes(StandardCharsets.UTF_8)).toList());
    }

    /** Rounds of listener dead letters sent again or waited for again since these were made. */
    double retried() {
        return retries.count() - retriesBefore;
    }

    /** Asserts each was counted as a dead letter once, and none as lost. */
    void assertCountedOnce() {
        assertThat(sent.count() - sentBefore).as("dead letters counted once each").isEqualTo(values.size());
        assertThat(undelivered.count()).as("dead letters given up").isEqualTo(undeliveredBefore);
    }

    /** Asserts the dead-letter topic holds each once, exactly as received. */
    void assertDeadLetteredOnce(String bootstrapServers, String topic, Duration deadline) {
        try (TopicReader dlq = new TopicReader(bootstrapServers, topic)) {
            List<String> dead = dlq.readToEnd(deadline).stream().filter(record -> key.equals(record.key()))
                    .map(record -> new String(record.value(), StandardCharsets.UTF_8)).toList();
            assertThat(dead).as("each once, exactly as received").containsExactlyInAnyOrderElementsOf(values);
        }
    }
}
