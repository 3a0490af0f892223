package io.portwatch.registry.knowledge;

import io.portwatch.events.json.EventJson;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.events.knowledge.ServiceStatus;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Bodies for knowledge updates in tests. */
final class CurationBodies {

    private CurationBodies() {
    }

    static Curation curation(Risk risk, String remediation) {
        return new Curation(null, List.of("test-alias"), null, ServiceStatus.LEGACY, risk, List.of("a threat"),
                List.of("testd"), List.of("/usr/sbin/testd"), List.of(), null, false, remediation, List.of("https://example.org/test"));
    }

    static String json(Curation curation) {
        return new String(EventJson.toBytes(curation), StandardCharsets.UTF_8);
    }
}
