package io.portwatch.registry.startup;

import io.portwatch.registry.curated.CuratedKnowledgeLoader;
import io.portwatch.registry.knowledge.KnowledgePublisher;
import io.portwatch.registry.knowledge.KnowledgeService;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.flywaydb.core.Flyway;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Brings the registry up to date in the background once the application has started: migrates the
 * schema, loads the curated knowledge and publishes the whole knowledge set. While PostgreSQL or
 * Kafka is unreachable it retries with a one-line message, and readiness stays DOWN saying why.
 */
@Readiness
@ApplicationScoped
public class RegistryStartup implements HealthCheck {

    private static final Duration RETRY_DELAY = Duration.ofSeconds(3);
    private static final long PUBLISH_TIMEOUT_SECONDS = 60;

    private final Flyway flyway;
    private final CuratedKnowledgeLoader curated;
    private final KnowledgeService knowledge;
    private final KnowledgePublisher publisher;
    private final ManagedExecutor executor;
    private volatile String state = "starting";
    private volatile boolean ready;

    public RegistryStartup(Flyway flyway, CuratedKnowledgeLoader curated, KnowledgeService knowledge,
            KnowledgePublisher publisher, ManagedExecutor executor) {
        this.flyway = flyway;
        this.curated = curated;
        this.knowledge = knowledge;
        this.publisher = publisher;
        this.executor = executor;
    }

    void onStart(@Observes StartupEvent event) {
        executor.runAsync(this::prepareUntilDone);
    }

    private void prepareUntilDone() {
        while (!ready && !Thread.currentThread().isInterrupted()) {
            try {
                prepare();
                ready = true;
                state = "knowledge loaded and published";
            } catch (RuntimeException e) {
                state = "waiting: " + rootMessage(e);
                Log.errorf("Registry not ready, retrying in %d s: %s", RETRY_DELAY.toSeconds(), rootMessage(e));
                sleep(RETRY_DELAY);
            }
        }
    }

    private void prepare() {
        flyway.migrate();
        curated.load();
        try {
            publisher.publish(knowledge.all()).get(PUBLISH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing knowledge", e);
        } catch (Exception e) {
            throw new IllegalStateException("publishing knowledge to Kafka failed: " + rootMessage(e), e);
        }
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("registry-knowledge").status(ready).withData("state", state).build();
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
