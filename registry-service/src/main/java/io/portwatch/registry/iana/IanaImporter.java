package io.portwatch.registry.iana;

import io.portwatch.events.knowledge.PortKey;
import io.portwatch.registry.config.RegistryConfig;
import io.portwatch.registry.knowledge.IanaEntry;
import io.portwatch.registry.knowledge.KnowledgeChange;
import io.portwatch.registry.knowledge.KnowledgeIndex;
import io.portwatch.registry.knowledge.KnowledgeRecord;
import io.portwatch.registry.knowledge.KnowledgeStore;
import io.portwatch.registry.outbox.OutboxRelay;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Imports IANA's registry: replaces the IANA layer of every entry in one transaction, keeps the
 * curated layer, records each change in the history and queues it for the knowledge topic. Importing
 * the same file again changes nothing. An entry a newer file no longer has is not deleted: its IANA
 * layer goes, so it reads UNASSIGNED (unless curated) and its version keeps growing.
 */
@ApplicationScoped
public class IanaImporter {

    /** The registry file bundled with the service (see {@code iana/SOURCE.md}). */
    static final String BUNDLED = "iana/service-names-port-numbers.csv";
    private static final Duration IMPORT_TIMEOUT = Duration.ofMinutes(5);

    private final KnowledgeStore store;
    private final IanaImportLog log;
    private final KnowledgeIndex index;
    private final OutboxRelay relay;
    private final IanaLimits limits;

    public IanaImporter(KnowledgeStore store, IanaImportLog log, KnowledgeIndex index, OutboxRelay relay, RegistryConfig config) {
        this.store = store;
        this.log = log;
        this.index = index;
        this.relay = relay;
        this.limits = IanaLimits.of(config.iana());
    }

    /** Imports the bundled registry file. */
    public IanaImportResult importBundled(String triggeredBy) {
        try (InputStream csv = Thread.currentThread().getContextClassLoader().getResourceAsStream(BUNDLED)) {
            if (csv == null) {
                throw new IllegalStateException(BUNDLED + " is missing from the application");
            }
            return importFile(csv, triggeredBy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Imports a registry file; nothing changes when it is not IANA's CSV or breaks a limit (the whole file is parsed before one write). */
    public IanaImportResult importFile(InputStream csv, String triggeredBy) {
        Instant started = Instant.now();
        IanaRegistry registry = IanaCsvParser.parse(csv, limits);
        Log.infof("IANA import by %s: parsed %d rows into %d transport/port entries in %d ms", triggeredBy,
                registry.rowsRead(), registry.entries().size(), Duration.between(started, Instant.now()).toMillis());
        IanaImportResult result = QuarkusTransaction.requiringNew().timeout((int) IMPORT_TIMEOUT.toSeconds())
                .call(() -> write(registry, started, triggeredBy));
        index.replaceAll(store.loadAll());
        relay.wakeUp();
        Log.infof("IANA import by %s: %d inserted, %d updated, %d unchanged, %d withdrawn in %d ms", triggeredBy,
                result.inserted(), result.updated(), result.unchanged(), result.withdrawn(), result.durationMillis());
        return result;
    }

    private IanaImportResult write(IanaRegistry registry, Instant started, String triggeredBy) {
        Map<PortKey, KnowledgeRecord> stored = store.loadAll().stream()
                .collect(Collectors.toMap(KnowledgeRecord::key, Function.identity()));
        Map<PortKey, IanaEntry> incoming = new HashMap<>(registry.entries());
        List<KnowledgeChange> changes = new ArrayList<>();
        int inserted = 0;
        int updated = 0;
        int withdrawn = 0;
        Instant now = KnowledgeRecord.now();
        for (Map.Entry<PortKey, IanaEntry> entry : incoming.entrySet()) {
            KnowledgeRecord before = stored.get(entry.getKey());
            if (before == null) {
                changes.add(new KnowledgeChange(null, new KnowledgeRecord(entry.getKey(), entry.getValue(), null, 1, now)));
                inserted++;
            } else if (!Objects.equals(before.iana(), entry.getValue())) {
                changes.add(new KnowledgeChange(before, before.next(entry.getValue(), before.curation(), now)));
                updated++;
            }
        }
        for (KnowledgeRecord before : stored.values()) {
            if (before.iana() != null && !incoming.containsKey(before.key())) {
                changes.add(new KnowledgeChange(before, before.next(null, before.curation(), now)));
                withdrawn++;
            }
        }
        store.write(changes, triggeredBy, "iana-import");
        IanaImportResult result = new IanaImportResult(started, Duration.between(started, Instant.now()).toMillis(),
                registry.sha256(), registry.rowsRead(), incoming.size(), inserted, updated,
                incoming.size() - inserted - updated, withdrawn);
        log.record(result, triggeredBy);
        return result;
    }
}
