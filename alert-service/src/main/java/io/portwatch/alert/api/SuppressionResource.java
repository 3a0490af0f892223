package io.portwatch.alert.api;

import io.portwatch.alert.findings.SuppressionService;
import io.portwatch.alert.suppression.SuppressionPolicies;
import io.portwatch.alert.suppression.SuppressionPolicy;
import io.portwatch.alert.suppression.SuppressionRequest;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.List;

/** Suppression policies: read by anyone, changed by role {@code analyst}. */
@Path("/api/v1/suppressions")
@Produces(MediaType.APPLICATION_JSON)
public class SuppressionResource {

    private final SuppressionService service;
    private final SuppressionPolicies policies;
    private final SecurityIdentity identity;

    public SuppressionResource(SuppressionService service, SuppressionPolicies policies, SecurityIdentity identity) {
        this.service = service;
        this.policies = policies;
        this.identity = identity;
    }

    @GET
    @APIResponse(responseCode = "200", description = "The policies")
    @APIResponse(responseCode = "401", ref = ProblemResponses.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ProblemResponses.FORBIDDEN)
    @APIResponse(responseCode = "503", ref = ProblemResponses.UNAVAILABLE)
    @Operation(summary = "Every suppression policy, oldest first")
    public List<SuppressionPolicy> list() {
        return policies.all();
    }

    @POST
    @RolesAllowed("analyst")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "The policy, and the findings it suppressed now")
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ProblemResponses.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ProblemResponses.FORBIDDEN)
    @APIResponse(responseCode = "413", ref = ProblemResponses.PAYLOAD_TOO_LARGE)
    @APIResponse(responseCode = "503", ref = ProblemResponses.UNAVAILABLE)
    @Operation(summary = "Create a policy; it suppresses matching active findings now and matching findings when they appear")
    public Response create(@NotNull(message = "the body must be a policy: conditions and a reason") SuppressionRequest request,
            UriInfo uri) {
        SuppressionService.SuppressionResult result = service.create(request, identity.getPrincipal().getName());
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(result.policy().id())).build())
                .entity(result)
                .build();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed("analyst")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "401", ref = ProblemResponses.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ProblemResponses.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "503", ref = ProblemResponses.UNAVAILABLE)
    @Operation(summary = "Delete a policy; findings it suppressed stay suppressed")
    public Response delete(@PathParam("id") long id) {
        if (!service.delete(id)) {
            throw new NotFoundException("no suppression policy has the id " + id);
        }
        return Response.noContent().build();
    }
}
