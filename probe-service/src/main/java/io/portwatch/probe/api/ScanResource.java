package io.portwatch.probe.api;

import io.portwatch.http.BadInputException;
import io.portwatch.probe.network.ScanRequest;
import io.portwatch.probe.network.ScanView;
import io.portwatch.probe.network.Scans;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;

/**
 * Network scans of allowed scopes (role {@code operator}): {@code POST} queues one and answers 202 with
 * where to follow it (429 when the queue is full); {@code GET} shows progress and, when done, the open ports
 * with their evidence; {@code DELETE} cancels a queued or running scan.
 */
@Path("/api/v1/scans")
@RolesAllowed(ScanResource.OPERATOR)
public class ScanResource {

    static final String OPERATOR = "operator";

    private final Scans scans;
    private final SecurityIdentity identity;

    public ScanResource(Scans scans, SecurityIdentity identity) {
        this.scans = scans;
        this.identity = identity;
    }

    @POST
    public Response start(@NotNull(message = "the body must be a scan request: targets and ports") ScanRequest request, UriInfo uri) {
        ScanView scan;
        try {
            scan = scans.submit(request, identity.getPrincipal().getName());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        return Response.accepted(scan).location(uri.getAbsolutePathBuilder().path(scan.id()).build()).build();
    }

    @GET
    @Path("/{id}")
    public ScanView get(@PathParam("id") String id) {
        return scans.get(id);
    }

    @DELETE
    @Path("/{id}")
    public ScanView cancel(@PathParam("id") String id) {
        return scans.cancel(id, identity.getPrincipal().getName());
    }

    @GET
    public List<ScanView> list() {
        return scans.list();
    }
}
