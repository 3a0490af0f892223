package io.portwatch.registry.knowledge;

import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.PortKnowledge;
import io.portwatch.events.knowledge.PortRange;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.registry.problem.BadInputException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

/** Port lookups. Path parameters are parsed here so that bad input answers 400 with what was wrong. */
@Path("/api/v1/ports")
@Produces(MediaType.APPLICATION_JSON)
public class KnowledgeResource {

    private final KnowledgeService knowledge;

    public KnowledgeResource(KnowledgeService knowledge) {
        this.knowledge = knowledge;
    }

    @GET
    @Path("/{port}")
    @Operation(summary = "Knowledge of a port, for each transport (UNASSIGNED with its range when IANA never assigned it)")
    public List<PortKnowledge> byPort(@PathParam("port") String port) {
        return knowledge.findByPort(parsePort(port));
    }

    @GET
    @Path("/{port}/{transport}")
    @Operation(summary = "Knowledge of one transport/port (UNASSIGNED with its range when IANA never assigned it)")
    public PortKnowledge byPortAndTransport(@PathParam("port") String port, @PathParam("transport") String transport) {
        int number = parsePort(port);
        try {
            return knowledge.find(new PortKey(Transport.parse(transport), number));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    private static int parsePort(String text) {
        try {
            return PortRange.requireValid(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            throw new BadInputException("port '" + text + "' is not a number: expected 0-65535");
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }
}
