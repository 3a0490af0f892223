package io.portwatch.registry.knowledge;

import io.portwatch.events.knowledge.PortKnowledge;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Produces {@code portwatch.port-knowledge}: one record per transport/port, keyed {@code tcp/3283},
 * so that compaction keeps the latest knowledge of each port for consumers that rebuild their view.
 */
@ApplicationScoped
public class KnowledgePublisher {

    static final String CHANNEL = "port-knowledge";

    private final Emitter<PortKnowledge> emitter;

    public KnowledgePublisher(@Channel(CHANNEL) Emitter<PortKnowledge> emitter) {
        this.emitter = emitter;
    }

    /** Sends the entries and completes when the broker has acknowledged all of them. */
    public CompletableFuture<Void> publish(List<PortKnowledge> entries) {
        CompletableFuture<?>[] acks = entries.stream().map(this::send).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(acks)
                .whenComplete((ok, failure) -> {
                    if (failure == null) {
                        Log.infof("Published %d knowledge entries to %s", entries.size(), CHANNEL);
                    }
                });
    }

    private CompletableFuture<Void> send(PortKnowledge knowledge) {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        String key = knowledge.key().toString();
        emitter.send(Message.of(knowledge)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build())
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(key + "@" + knowledge.version())
                        .withSubject(key)
                        .build())
                .withAck(() -> {
                    ack.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    ack.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                }));
        return ack;
    }
}
