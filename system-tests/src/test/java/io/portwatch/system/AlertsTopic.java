package io.portwatch.system;

import io.portwatch.events.Topics;
import io.portwatch.events.json.CloudEvent;
import io.portwatch.testing.TopicReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What the system tests read from the broker: the alerts topic's finding changes and alert-service's lag. */
final class AlertsTopic {

    private static final String GROUP = "alert-service";

    private AlertsTopic() {
    }

    /** How many times each {@code findingId@version} (the CloudEvents id) is on {@code portwatch.alerts}. */
    static Map<String, Long> published(String bootstrapServers) {
        try (TopicReader reader = new TopicReader(bootstrapServers, Topics.ALERTS)) {
            return reader.readToEnd(Duration.ofSeconds(30)).stream()
                    .map(record -> CloudEvent.from(record.headers()).id())
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        }
    }

    /** Records of {@code portwatch.listeners} that alert-service's group has not committed yet. */
    static long listenerLag(String bootstrapServers) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            int partitions = admin.describeTopics(java.util.List.of(Topics.LISTENERS)).allTopicNames().get()
                    .get(Topics.LISTENERS).partitions().size();
            for (int partition = 0; partition < partitions; partition++) {
                latest.put(new TopicPartition(Topics.LISTENERS, partition), OffsetSpec.latest());
            }
            long lag = 0;
            for (var end : admin.listOffsets(latest).all().get().entrySet()) {
                OffsetAndMetadata done = committed.get(end.getKey());
                lag += end.getValue().offset() - (done == null ? 0 : done.offset());
            }
            return lag;
        }
    }
}
