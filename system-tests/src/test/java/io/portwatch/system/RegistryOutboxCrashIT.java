package io.portwatch.system;

import io.portwatch.events.Topics;
import io.portwatch.events.json.CloudEvent;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.knowledge.PortKnowledge;
import io.portwatch.testing.JwtKeys;
import io.portwatch.testing.KafkaBroker;
import io.portwatch.testing.PostgresDatabase;
import io.portwatch.testing.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * registry-service killed with SIGKILL after a knowledge change committed but before it was sent
 * (the broker is down, so the outbox holds it): after a restart the change reaches the knowledge
 * topic, exactly once.
 */
class RegistryOutboxCrashIT {

    private static final String KEY = "tcp/3031";

    private final CrashTestProcesses processes = new CrashTestProcesses();

    @AfterEach
    void stopEverything() {
        processes.close();
    }

    @Test
    void changeCommittedBeforeACrashIsPublishedOnceAfterRestart() {
        KafkaBroker broker = processes.broker();
        PostgresDatabase database = PostgresDatabase.fresh("registry_crash_it", "registry");
        JwtKeys keys = JwtKeys.generate(Path.of("target", "jwt-crash"));
        Map<String, String> config = Map.of("kafka.bootstrap.servers", broker.bootstrapServers(),
                "quarkus.datasource.jdbc.url", database.jdbcUrl(),
                "mp.jwt.verify.publickey.location", keys.publicKey().toString(),
                "portwatch.registry.outbox.send-timeout", "5s");
        ServiceProcess registry = start(config);
        String etag = given().port(registry.httpPort()).get("/api/v1/ports/3031/tcp").then().statusCode(200)
                .extract().header("ETag");

        broker.stop();
        long version = given().port(registry.httpPort()).auth().oauth2(keys.token("carol", "registry-admin"))
                .header("If-Match", etag).contentType("application/json")
                .body("{\"risk\":\"HIGH\",\"status\":\"LEGACY\",\"remediation\":\"Committed while Kafka was down\"}")
                .put("/api/v1/knowledge/tcp/3031").then().statusCode(200)
                .extract().<Integer>path("version").longValue();
        registry.kill();
        broker.startAgain();
        start(config);

        try (TopicReader reader = new TopicReader(broker.bootstrapServers(), Topics.PORT_KNOWLEDGE)) {
            List<ConsumerRecord<String, byte[]>> published = await()
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> reader.readToEnd(Duration.ofSeconds(30)).stream()
                            .filter(record -> KEY.equals(record.key()))
                            .filter(record -> CloudEvent.from(record.headers()).id().equals(KEY + "@" + version))
                            .toList(), records -> !records.isEmpty());

            assertThat(published).hasSize(1);
            assertThat(EventJson.fromBytes(published.get(0).value(), PortKnowledge.class).remediation())
                    .isEqualTo("Committed while Kafka was down");
        }
    }

    private ServiceProcess start(Map<String, String> config) {
        return processes.startReady("registry-service", config);
    }
}
