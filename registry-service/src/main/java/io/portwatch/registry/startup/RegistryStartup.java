package io.portwatch.registry.startup;

import io.portwatch.registry.config.RegistryConfig;
import io.portwatch.registry.curated.CuratedKnowledgeLoader;
import io.portwatch.registry.failure.RootCause;
import io.portwatch.registry.iana.IanaImportLog;
import io.portwatch.registry.iana.IanaImporter;
import io.portwatch.registry.knowledge.KnowledgeIndex;
import io.portwatch.registry.knowledge.KnowledgeRefresher;
import io.portwatch.registry.knowledge.KnowledgeService;
import io.portwatch.registry.knowledge.KnowledgeStore;
import io.portwatch.registry.outbox.OutboxRelay;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Default;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.flywaydb.core.Flyway;

import java.time.Duration;

/**
 * Brings the registry up in the background once the application has started: migrates the schema,
 * imports IANA's registry the first time, applies a new curated file, loads the in-memory index and
 * starts the outbox relay. While PostgreSQL is unreachable it retries with a one-line message, and
 * readiness stays DOWN saying what it waits for.
 */
@Readiness
@Default
@ApplicationScoped
public class RegistryStartup implements HealthCheck {

    static final String ACTOR = "registry-service";
    private static final Duration RETRY_DELAY = Duration.ofSeconds(3);

    private final Flyway flyway;
    private final RegistryConfig config;
    private final IanaImportLog imports;
    private final IanaImporter importer;
    private final CuratedKnowledgeLoader curated;
    private final KnowledgeStore store;
    private final KnowledgeIndex index;
    private final KnowledgeService knowledge;
    private final OutboxRelay relay;
    private final KnowledgeRefresher refresher;
    private final ManagedExecutor executor;
    private volatile String state = "starting";
    private volatile boolean ready;

    public RegistryStartup(Flyway flyway, RegistryConfig config, IanaImportLog imports, IanaImporter importer,
            CuratedKnowledgeLoader curated, KnowledgeStore store, KnowledgeIndex index, KnowledgeService knowledge,
            OutboxRelay relay, KnowledgeRefresher refresher, ManagedExecutor executor) {
        this.flyway = flyway;
        this.config = config;
        this.imports = imports;
        this.importer = importer;
        this.curated = curated;
        this.store = store;
        this.index = index;
        this.knowledge = knowledge;
        this.relay = relay;
        this.refresher = refresher;
        this.executor = executor;
    }

    void onStart(@Observes StartupEvent event) {
        executor.runAsync(this::prepareUntilDone);
    }

    private void prepareUntilDone() {
        while (!ready && !Thread.currentThread().isInterrupted()) {
            try {
                prepare();
            } catch (RuntimeException e) {
                state = "waiting: " + RootCause.describe(e);
                Log.errorf("Registry not ready, retrying in %d s: %s", RETRY_DELAY.toSeconds(), RootCause.describe(e));
                sleep();
            }
        }
    }

    private void prepare() {
        state = "migrating the schema";
        flyway.migrate();
        if (config.importIanaOnStart() && !QuarkusTransaction.requiringNew().call(imports::any)) {
            state = "importing IANA's registry";
            importer.importBundled(ACTOR);
        }
        state = "applying curated knowledge";
        curated.applyBundled();
        state = "loading the index";
        refresher.startFrom(QuarkusTransaction.requiringNew().call(store::lastChangeId));
        index.replaceAll(QuarkusTransaction.requiringNew().call(store::loadAll));
        if (config.republishOnStart()) {
            Log.infof("Republishing %d knowledge entries", knowledge.republishAll());
        }
        relay.enable();
        ready = true;
        state = "ready: " + index.size() + " entries";
        Log.infof("Registry ready: %d entries", index.size());
    }

    /** Whether the registry is up: schema, knowledge and index ready, relay enabled. */
    public boolean isReady() {
        return ready;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("registry-knowledge").status(ready).withData("state", state).build();
    }

    private static void sleep() {
        try {
            Thread.sleep(RETRY_DELAY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
