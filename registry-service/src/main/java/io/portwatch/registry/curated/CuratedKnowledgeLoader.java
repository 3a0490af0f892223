package io.portwatch.registry.curated;

import io.portwatch.events.json.EventJson;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.registry.knowledge.Curation;
import io.portwatch.registry.knowledge.KnowledgeChange;
import io.portwatch.registry.knowledge.KnowledgeRecord;
import io.portwatch.registry.knowledge.KnowledgeStore;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Applies {@code knowledge/curated.json} to the registry, once per version of the file: a restart
 * with the same file keeps what admins changed since; a new file wins for the entries it names.
 */
@ApplicationScoped
public class CuratedKnowledgeLoader {

    static final String RESOURCE = "knowledge/curated.json";
    static final String ACTOR = "curated-file";

    private final KnowledgeStore store;
    private final CuratedImportLog log;

    public CuratedKnowledgeLoader(KnowledgeStore store, CuratedImportLog log) {
        this.store = store;
        this.log = log;
    }

    /** Applies the bundled file unless it was applied before; returns how many entries changed. */
    public int applyBundled() {
        byte[] file = read();
        String sha256 = sha256(file);
        CuratedKnowledgeFile curated = EventJson.fromBytes(file, CuratedKnowledgeFile.class);
        return QuarkusTransaction.requiringNew().call(() -> {
            if (log.applied(sha256)) {
                return 0;
            }
            List<KnowledgeChange> changes = changes(curated.entries());
            store.write(changes, ACTOR, ACTOR);
            log.record(sha256, curated.revision());
            Log.infof("Curated knowledge revision %s: %d entries, %d changed", curated.revision(), curated.entries().size(),
                    changes.size());
            return changes.size();
        });
    }

    private List<KnowledgeChange> changes(Map<String, Curation> entries) {
        Map<PortKey, Curation> curated = entries.entrySet().stream()
                .collect(Collectors.toMap(entry -> PortKey.parse(entry.getKey()), Map.Entry::getValue));
        Map<PortKey, KnowledgeRecord> stored = store.load(curated.keySet()).stream()
                .collect(Collectors.toMap(KnowledgeRecord::key, Function.identity()));
        Instant now = KnowledgeRecord.now();
        List<KnowledgeChange> changes = new ArrayList<>();
        curated.forEach((key, curation) -> {
            KnowledgeRecord before = stored.get(key);
            if (before == null) {
                changes.add(new KnowledgeChange(null, new KnowledgeRecord(key, null, curation, 1, now)));
            } else if (!Objects.equals(before.curation(), curation)) {
                changes.add(new KnowledgeChange(before, before.next(before.iana(), curation, now)));
            }
        });
        return changes;
    }

    private static byte[] read() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the application");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
