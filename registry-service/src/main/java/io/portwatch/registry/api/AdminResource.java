package io.portwatch.registry.api;

import io.portwatch.registry.iana.IanaImportResult;
import io.portwatch.registry.iana.IanaImporter;
import io.portwatch.registry.knowledge.KnowledgeService;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.io.ByteArrayInputStream;
import java.util.Map;

/** Operations on the whole registry (role {@code registry-admin}). */
@Path("/api/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("registry-admin")
public class AdminResource {

    private final IanaImporter importer;
    private final KnowledgeService knowledge;
    private final SecurityIdentity identity;

    public AdminResource(IanaImporter importer, KnowledgeService knowledge, SecurityIdentity identity) {
        this.importer = importer;
        this.knowledge = knowledge;
        this.identity = identity;
    }

    @POST
    @Path("/iana-import")
    @Consumes({"text/csv", MediaType.WILDCARD})
    @Operation(summary = "Import IANA's registry: the posted CSV, or the bundled file when the body is empty. "
            + "Curated knowledge is kept; every change is in the history and on the knowledge topic.")
    public IanaImportResult importIana(byte[] csv) {
        String who = identity.getPrincipal().getName();
        if (csv == null || csv.length == 0) {
            return importer.importBundled(who);
        }
        return importer.importFile(new ByteArrayInputStream(csv), who);
    }

    @POST
    @Path("/republish")
    @Operation(summary = "Queue every entry for the knowledge topic again, for consumers that lost it")
    public Map<String, Integer> republish() {
        return Map.of("queued", knowledge.republishAll());
    }
}
