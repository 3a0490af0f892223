package io.portwatch.registry.outbox;

import io.portwatch.events.json.EventJson;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.registry.Tokens;
import io.portwatch.registry.knowledge.Curation;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

import static io.restassured.RestAssured.given;

/** Curated updates of new ports through the API, as an admin, for the outbox tests. */
final class KnowledgeWrites {

    private KnowledgeWrites() {
    }

    /** Creates the curated knowledge of a port no entry exists for, with {@code threats} threats of 4,000 characters each. */
    static void create(int port, int threats) {
        Curation curation = new Curation(null, List.of(), null, null, Risk.MEDIUM, Collections.nCopies(threats, "t".repeat(4_000)),
                List.of(), List.of(), List.of(), null, false, "outbox test " + port, List.of());
        given().auth().oauth2(Tokens.admin()).contentType("application/json").header("If-Match", "\"0\"")
                .body(new String(EventJson.toBytes(curation), StandardCharsets.UTF_8))
                .put("/api/v1/knowledge/{transport}/{port}", "tcp", port)
                .then().statusCode(200);
    }
}
