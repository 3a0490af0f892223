package io.portwatch.alert.api;

import io.portwatch.alert.findings.FindingLifecycle;
import io.portwatch.events.finding.FindingEvent;
import io.portwatch.events.finding.FindingState;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Analysts' actions on a finding (role {@value FindingResource#ANALYST}): each moves it to a state, with a reason for
 * its history. Every action answers the same responses, described once on this class.
 */
@Path("/api/v1/findings/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(FindingResource.ANALYST)
@APIResponse(responseCode = "200", description = "The finding as it now is")
@APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
@APIResponse(responseCode = "401", ref = ProblemResponses.UNAUTHORIZED)
@APIResponse(responseCode = "403", ref = ProblemResponses.FORBIDDEN)
@APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
@APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
@APIResponse(responseCode = "413", ref = ProblemResponses.PAYLOAD_TOO_LARGE)
@APIResponse(responseCode = "503", ref = ProblemResponses.UNAVAILABLE)
public class FindingActionResource {

    private static final String NO_BODY = "the body must be {\"reason\": \"...\"}";

    private final FindingLifecycle lifecycle;
    private final SecurityIdentity identity;

    public FindingActionResource(FindingLifecycle lifecycle, SecurityIdentity identity) {
        this.lifecycle = lifecycle;
        this.identity = identity;
    }

    @POST
    @Path("/acknowledge")
    @Operation(summary = "OPEN -> ACKNOWLEDGED, with a reason")
    public FindingEvent acknowledge(@PathParam("id") String id, @NotNull(message = NO_BODY) @Valid ActionRequest request) {
        return act(id, FindingState.ACKNOWLEDGED, request);
    }

    @POST
    @Path("/suppress")
    @Operation(summary = "OPEN or ACKNOWLEDGED -> SUPPRESSED, with a reason")
    public FindingEvent suppress(@PathParam("id") String id, @NotNull(message = NO_BODY) @Valid ActionRequest request) {
        return act(id, FindingState.SUPPRESSED, request);
    }

    @POST
    @Path("/resolve")
    @Operation(summary = "Any unresolved state -> RESOLVED, with a reason; it opens again if its listener is seen again")
    public FindingEvent resolve(@PathParam("id") String id, @NotNull(message = NO_BODY) @Valid ActionRequest request) {
        return act(id, FindingState.RESOLVED, request);
    }

    private FindingEvent act(String id, FindingState target, ActionRequest request) {
        return lifecycle.transition(id, target, request.reason(), identity.getPrincipal().getName());
    }
}
