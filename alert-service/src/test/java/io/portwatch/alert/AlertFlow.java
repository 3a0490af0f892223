package io.portwatch.alert;

import io.portwatch.events.Topics;
import io.portwatch.events.finding.FindingEvent;
import io.portwatch.events.finding.FindingIds;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.PortKnowledge;
import io.portwatch.events.listener.ListenerEvent;
import io.portwatch.testing.TopicReader;
import io.portwatch.testing.TopicWriter;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static io.restassured.RestAssured.get;
import static org.awaitility.Awaitility.await;

/** Drives alert-service through its real topics: knowledge and listener events in, finding events out. */
public final class AlertFlow implements AutoCloseable {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final TopicWriter writer;
    private final TopicReader alerts;

    public AlertFlow(String bootstrapServers) {
        writer = new TopicWriter(bootstrapServers);
        alerts = new TopicReader(bootstrapServers, Topics.ALERTS);
    }

    /** Publishes knowledge and waits until the service is ready and its view holds at least {@code entries} entries. */
    public AlertFlow knowledge(int entries, PortKnowledge... knowledge) {
        for (PortKnowledge entry : knowledge) {
            writer.send(Topics.PORT_KNOWLEDGE, entry.key().toString(), EventJson.toBytes(entry), List.of());
        }
        await().atMost(DEADLINE).until(() -> get("/q/health/ready").then().extract()
                .<Integer>path("checks.find { it.name == 'knowledge-view' }.data.entries") >= entries);
        return this;
    }

    /** Writes a knowledge record as it is, key and value (null: a tombstone), without waiting for the view. */
    public void publishKnowledgeRaw(String key, byte[] value) {
        writer.send(Topics.PORT_KNOWLEDGE, key, value, List.of());
    }

    public void publish(ListenerEvent event) {
        writer.send(Topics.LISTENERS, event.host().id(), EventJson.toBytes(event), List.of());
    }

    /** Publishes events of one host in one producer batch: the service polls them together, in one batch of its own. */
    public void publishTogether(ListenerEvent... events) {
        writer.sendTogether(Topics.LISTENERS, events[0].host().id(), Arrays.stream(events).map(EventJson::toBytes).toList());
    }

    public void publishRaw(String key, byte[] value) {
        writer.send(Topics.LISTENERS, key, value, List.of());
    }

    /** Writes values of one key as they are, in one producer batch: the service polls them together. */
    public void publishTogetherRaw(String key, List<byte[]> values) {
        writer.sendTogether(Topics.LISTENERS, key, values);
    }

    /** Writes records to a topic as they are, without waiting for each: a backlog the service polls in large batches. */
    public void publishAllRaw(String topic, List<TopicWriter.Keyed> records) {
        writer.sendAll(topic, records);
    }

    /** The first finding event of a host, port and rule in the given state. */
    public FindingEvent awaitFinding(String hostId, PortKey port, String rule, FindingState state) {
        return EventJson.fromBytes(awaitRecord(FindingIds.of(hostId, port, rule), state).value(), FindingEvent.class);
    }

    /** The first record of a finding in the given state. */
    public ConsumerRecord<String, byte[]> awaitRecord(String findingId, FindingState state) {
        return await().atMost(DEADLINE).until(() -> alerts.poll().stream()
                .filter(record -> findingId.equals(record.key()))
                .filter(record -> EventJson.fromBytes(record.value(), FindingEvent.class).state() == state)
                .findFirst(), Optional::isPresent).orElseThrow();
    }

    /** Every finding event read so far. */
    public List<FindingEvent> findings() {
        return alerts.poll().stream().map(record -> EventJson.fromBytes(record.value(), FindingEvent.class)).toList();
    }

    @Override
    public void close() {
        writer.close();
        alerts.close();
    }
}
