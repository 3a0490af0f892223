package io.portwatch.alert.api;

import io.portwatch.alert.config.AlertConfig;
import io.portwatch.alert.findings.Page;
import io.portwatch.alert.fleet.Enrolment;
import io.portwatch.alert.fleet.EnrolmentRequest;
import io.portwatch.alert.fleet.Enrolments;
import io.portwatch.alert.fleet.ProbeView;
import io.portwatch.http.Params;
import io.portwatch.http.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.net.URI;

/**
 * The fleet API: probes enrol with the enrol secret (no token); the listing is a read like findings (a viewer,
 * analyst or fleet-admin token where {@code portwatch.alert.reads-require-token}, the path policy of
 * application.properties); a {@value #FLEET_ADMIN} revokes them.
 */
@Path("/api/v1/probes")
@Produces(MediaType.APPLICATION_JSON)
public class ProbeResource {

    static final String FLEET_ADMIN = "fleet-admin";

    private final Enrolments enrolments;
    private final SecurityIdentity identity;
    private final AlertConfig config;

    public ProbeResource(Enrolments enrolments, SecurityIdentity identity, AlertConfig config) {
        this.enrolments = enrolments;
        this.identity = identity;
        this.config = config;
    }

    @POST
    @Path("/enrolments")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "The probe id and key")
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ProblemResponses.UNAUTHORIZED)
    @APIResponse(responseCode = "409", ref = ProblemResponses.CONFLICT)
    @APIResponse(responseCode = "413", ref = ProblemResponses.PAYLOAD_TOO_LARGE)
    @APIResponse(responseCode = "422", ref = ProblemResponses.UNPROCESSABLE)
    @APIResponse(responseCode = "503", ref = ProblemResponses.UNAVAILABLE)
    @Operation(summary = "Exchanges the enrol secret for a probe id and key (201); 401 wrong secret, 409 node already enrolled, "
            + "422 node, zone or scopes it may not have")
    public Response enrol(EnrolmentRequest request) {
        Enrolment enrolment = enrolments.enrol(request);
        return Response.created(URI.create("/api/v1/probes/" + enrolment.probeId())).entity(enrolment).build();
    }

    @GET
    @APIResponse(responseCode = "200", description = "A page of probes")
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ProblemResponses.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ProblemResponses.FORBIDDEN)
    @APIResponse(responseCode = "503", ref = ProblemResponses.UNAVAILABLE)
    @Operation(summary = "Enrolled probes by node, with status, last heartbeat and its lag")
    public Page<ProbeView> list(@QueryParam("page") @DefaultValue("0") String page, @QueryParam("size") @DefaultValue("100") String size) {
        int pageNumber = Params.number(page, "page", 0, 1_000_000);
        int pageSize = Math.min(Params.number(size, "size", 1, Integer.MAX_VALUE), config.maxPageSize());
        return enrolments.page(pageNumber, pageSize);
    }

    @GET
    @Path("/{id}")
    @APIResponse(responseCode = "200", description = "The probe")
    @APIResponse(responseCode = "401", ref = ProblemResponses.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ProblemResponses.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "503", ref = ProblemResponses.UNAVAILABLE)
    @Operation(summary = "One enrolled probe")
    public ProbeView get(@PathParam("id") String id) {
        return enrolments.find(id).orElseThrow(() -> notFound(id));
    }

    @POST
    @Path("/{id}/revoke")
    @RolesAllowed(FLEET_ADMIN)
    @APIResponse(responseCode = "200", description = "The probe as it now is")
    @APIResponse(responseCode = "401", ref = ProblemResponses.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ProblemResponses.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "503", ref = ProblemResponses.UNAVAILABLE)
    @Operation(summary = "Revokes a probe: its records are refused from now on (again: no change)")
    public ProbeView revoke(@PathParam("id") String id) {
        return enrolments.revoke(id, identity.getPrincipal().getName()).orElseThrow(() -> notFound(id));
    }

    private static ProblemException notFound(String id) {
        return new ProblemException(404, "Not Found", "no probe " + (id.length() > 64 ? id.substring(0, 64) + "…" : id)
                + " is enrolled");
    }
}
