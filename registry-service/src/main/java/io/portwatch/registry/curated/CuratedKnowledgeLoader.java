package io.portwatch.registry.curated;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.portwatch.registry.knowledge.KnowledgeEntity;
import io.portwatch.registry.knowledge.KnowledgeService;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Loads {@code knowledge/curated.json} from the classpath into the registry. */
@ApplicationScoped
public class CuratedKnowledgeLoader {

    static final String RESOURCE = "knowledge/curated.json";

    private final ObjectMapper mapper;
    private final KnowledgeService knowledge;

    public CuratedKnowledgeLoader(ObjectMapper mapper, KnowledgeService knowledge) {
        this.mapper = mapper;
        this.knowledge = knowledge;
    }

    /** Upserts every curated entry; returns the entries that changed. */
    @Transactional
    public List<KnowledgeEntity> load() {
        CuratedKnowledge curated = read();
        List<KnowledgeEntity> changed = curated.entries().stream()
                .map(knowledge::applyCurated)
                .flatMap(java.util.Optional::stream)
                .toList();
        Log.infof("Curated knowledge revision %s: %d entries, %d changed", curated.revision(), curated.entries().size(),
                changed.size());
        return changed;
    }

    private CuratedKnowledge read() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the application");
            }
            return mapper.readValue(in, CuratedKnowledge.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
