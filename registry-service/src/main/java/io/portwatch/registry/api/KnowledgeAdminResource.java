package io.portwatch.registry.api;

import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.PortKnowledge;
import io.portwatch.http.BadInputException;
import io.portwatch.http.ProblemException;
import io.portwatch.registry.knowledge.Curation;
import io.portwatch.registry.knowledge.HistoryEntry;
import io.portwatch.registry.knowledge.KnowledgeLayers;
import io.portwatch.registry.knowledge.KnowledgeService;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

/** Each entry's layers and history, and curated knowledge updates (role {@value #ADMIN}) with optimistic concurrency. */
@Path("/api/v1/knowledge/{transport}/{port}")
@Produces(MediaType.APPLICATION_JSON)
public class KnowledgeAdminResource {

    static final String ADMIN = "registry-admin";
    private static final int PRECONDITION_REQUIRED = 428;

    private final KnowledgeService knowledge;
    private final SecurityIdentity identity;

    public KnowledgeAdminResource(KnowledgeService knowledge, SecurityIdentity identity) {
        this.knowledge = knowledge;
        this.identity = identity;
    }

    @PUT
    @RolesAllowed(ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the curated knowledge of a transport/port; If-Match must carry the ETag of the version you read")
    public Response update(@PathParam("transport") String transport, @PathParam("port") String port,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull(message = "the body must be the curated knowledge as JSON") Curation curation) {
        PortKey key = PortParams.key(port, transport);
        PortKnowledge updated = knowledge.update(key, curation, expectedVersion(ifMatch), identity.getPrincipal().getName());
        return Response.ok(updated).tag(KnowledgeResource.etag(updated.version())).build();
    }

    @GET
    @Operation(summary = "The IANA layer and the curated layer of a transport/port side by side, and the knowledge they make "
            + "(ETag: the version to send in If-Match)")
    public Response layers(@PathParam("transport") String transport, @PathParam("port") String port) {
        KnowledgeLayers layers = knowledge.layers(PortParams.key(port, transport));
        return Response.ok(layers).tag(KnowledgeResource.etag(layers.knowledge().version())).build();
    }

    @GET
    @Path("/history")
    @Operation(summary = "Every change of a transport/port's knowledge, oldest first: who, when, from where, before and after")
    public List<HistoryEntry> history(@PathParam("transport") String transport, @PathParam("port") String port) {
        return knowledge.history(PortParams.key(port, transport));
    }

    private static long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(PRECONDITION_REQUIRED, "Precondition Required",
                    "If-Match is required: send the ETag of GET /api/v1/ports/{port}/{transport}");
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw new BadInputException("If-Match '" + ifMatch + "' is not an ETag of this API (a quoted version number)");
        }
    }
}
