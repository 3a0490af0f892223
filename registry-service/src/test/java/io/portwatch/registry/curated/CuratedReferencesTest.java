package io.portwatch.registry.curated;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The curated knowledge shipped with the registry cites sources every user can open: public https URLs. */
class CuratedReferencesTest {

    @Test
    void everyReferenceIsAPublicHttpsUrl() throws IOException {
        JsonNode curated;
        try (InputStream in = getClass().getResourceAsStream("/knowledge/curated.json")) {
            curated = new ObjectMapper().readTree(in);
        }
        List<String> references = new ArrayList<>();
        curated.get("entries").forEach(entry -> entry.get("references").forEach(reference -> references.add(reference.asText())));

        assertThat(references).isNotEmpty().allSatisfy(reference -> {
            URI uri = URI.create(reference);
            assertThat(uri.getScheme()).as(reference).isEqualTo("https");
            assertThat(uri.getHost()).as(reference).contains(".");
        });
    }
}
