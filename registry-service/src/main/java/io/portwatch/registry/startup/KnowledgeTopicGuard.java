package io.portwatch.registry.startup;

import io.portwatch.events.Topics;
import io.portwatch.registry.failure.RootCause;
import io.portwatch.registry.knowledge.KnowledgeService;
import io.portwatch.registry.outbox.OutboxRelay;
import io.portwatch.registry.outbox.OutboxStore;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * Keeps the knowledge topic whole when Kafka loses it: the database records the id of the topic (Kafka's
 * UUID of it) that holds everything it knows; when the knowledge topic has another id (a new cluster,
 * or the topic deleted and created again) every entry is published again. On the first check the topic
 * in use is recorded, after publishing everything if it is empty while the outbox is idle (a database
 * kept from before this check existed). Runs every {@code topic-check-interval}: one metadata and one
 * end-offsets request.
 */
@ApplicationScoped
public class KnowledgeTopicGuard {

    private final RegistryStartup startup;
    private final OutboxRelay relay;
    private final OutboxStore outbox;
    private final KnowledgeService knowledge;

    public KnowledgeTopicGuard(RegistryStartup startup, OutboxRelay relay, OutboxStore outbox, KnowledgeService knowledge) {
        this.startup = startup;
        this.relay = relay;
        this.outbox = outbox;
        this.knowledge = knowledge;
    }

    @Scheduled(identity = "knowledge-topic-check", every = "${portwatch.registry.topic-check-interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        if (!startup.isReady()) {
            return;
        }
        try {
            OutboxRelay.TopicState topic = relay.knowledgeTopic();
            Optional<String> known = QuarkusTransaction.requiringNew().call(() -> outbox.publishedTopicId(Topics.PORT_KNOWLEDGE));
            boolean republish = known.isPresent() ? !known.get().equals(topic.topicId())
                    : topic.empty() && QuarkusTransaction.requiringNew().call(outbox::size) == 0;
            if (republish) {
                Log.warnf("The knowledge topic %s is not the one this database published to (%s): publishing every entry again",
                        topic.topicId(), known.orElse("none recorded, and it is empty"));
                knowledge.republishAll();
            }
            if (republish || known.isEmpty()) {
                QuarkusTransaction.requiringNew().run(() -> outbox.recordPublishedTopicId(Topics.PORT_KNOWLEDGE, topic.topicId()));
            }
        } catch (RuntimeException e) {
            Log.debugf("Knowledge topic not checked: %s", RootCause.describe(e));
        }
    }
}
