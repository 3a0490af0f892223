package io.portwatch.registry.api;

import io.portwatch.events.knowledge.PortKnowledge;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.events.knowledge.ServiceStatus;
import io.portwatch.http.Params;
import io.portwatch.http.ProblemException;
import io.portwatch.registry.config.RegistryConfig;
import io.portwatch.registry.knowledge.KnowledgeService;
import io.portwatch.registry.knowledge.Page;
import io.portwatch.registry.knowledge.SearchFilter;
import io.portwatch.registry.lookup.Etags;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

/**
 * Reads of the registry, all served from the in-memory index. The port lookups of open reads are answered ahead of this
 * resource by {@code LookupRoutes} from pre-serialized bytes; this resource answers them when reads require a token,
 * and their bad input (Problem JSON) and other spellings always. Both answer the same bytes and ETags.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class KnowledgeResource {

    private static final int MAX_QUERY = 200;

    private final KnowledgeService knowledge;
    private final RegistryConfig config;

    public KnowledgeResource(KnowledgeService knowledge, RegistryConfig config) {
        this.knowledge = knowledge;
        this.config = config;
    }

    @GET
    @Path("/ports/{port}")
    @Operation(summary = "Knowledge of a port, for each transport (UNASSIGNED with its range when IANA never assigned it); "
            + "If-None-Match with its ETag answers 304")
    public Response byPort(@PathParam("port") String port, @Context HttpHeaders headers) {
        List<PortKnowledge> found = knowledge.findByPort(PortParams.port(port));
        return conditional(headers, new EntityTag(Etags.of(found)), found);
    }

    @GET
    @Path("/ports/{port}/{transport}")
    @Operation(summary = "Knowledge of one transport/port; its ETag is the version an update must name in If-Match; "
            + "If-None-Match with it answers 304")
    public Response byPortAndTransport(@PathParam("port") String port, @PathParam("transport") String transport,
            @Context HttpHeaders headers) {
        PortKnowledge found = knowledge.find(PortParams.key(port, transport));
        return conditional(headers, new EntityTag(Etags.of(found)), found);
    }

    @GET
    @Path("/services/{name}")
    @Operation(summary = "The entries of a service name or alias, ignoring case (e.g. net-assistant, eppc)")
    public List<PortKnowledge> byService(@PathParam("name") String name) {
        List<PortKnowledge> found = knowledge.findByName(name);
        if (found.isEmpty()) {
            throw new ProblemException(404, "Not Found", "no service is named '" + name + "'; search with GET /api/v1/ports?q=" + name);
        }
        return found;
    }

    @GET
    @Path("/ports")
    @Operation(summary = "Search: q is a port number or text in the name, aliases or description; pages are 0-based")
    public Page<PortKnowledge> search(
            @QueryParam("q") @Size(max = MAX_QUERY, message = "q is longer than " + MAX_QUERY + " characters") String q,
            @QueryParam("transport") String transport,
            @QueryParam("status") String status, @QueryParam("risk") String risk,
            @QueryParam("page") @DefaultValue("0") String page, @QueryParam("size") @DefaultValue("20") String size) {
        SearchFilter filter = new SearchFilter(q,
                transport == null || transport.isBlank() ? null : PortParams.transport(transport),
                Params.optionalEnum(status, ServiceStatus.class, "status"),
                Params.optionalEnum(risk, Risk.class, "risk"));
        int pageNumber = Params.number(page, "page", 0, Integer.MAX_VALUE / config.maxPageSize());
        int pageSize = Math.min(Params.number(size, "size", 1, Integer.MAX_VALUE), config.maxPageSize());
        return knowledge.search(filter, pageNumber, pageSize);
    }

    /** If-None-Match read as the event-loop route reads it ({@link Etags#noneMatch}), so both paths answer alike. */
    private static Response conditional(HttpHeaders headers, EntityTag tag, Object answer) {
        String ifNoneMatch = headers.getHeaderString(HttpHeaders.IF_NONE_MATCH);
        boolean notModified = ifNoneMatch != null && Etags.noneMatch(ifNoneMatch, tag.toString());
        return (notModified ? Response.notModified() : Response.ok(answer)).tag(tag).build();
    }

    static EntityTag etag(long version) {
        return new EntityTag(Long.toString(version));
    }
}
