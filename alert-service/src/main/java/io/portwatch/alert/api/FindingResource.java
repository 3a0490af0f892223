package io.portwatch.alert.api;

import io.portwatch.alert.config.AlertConfig;
import io.portwatch.alert.findings.FindingLifecycle;
import io.portwatch.events.finding.FindingEvent;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.finding.Severity;
import io.quarkus.security.identity.SecurityIdentity;
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
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.Arrays;
import java.util.Locale;

/** The findings API: list and read findings (open by default), and analysts' actions (role {@value #ANALYST}). */
@Path("/api/v1/findings")
@Produces(MediaType.APPLICATION_JSON)
public class FindingResource {

    static final String ANALYST = "analyst";

    private final FindingLifecycle lifecycle;
    private final SecurityIdentity identity;
    private final AlertConfig config;

    public FindingResource(FindingLifecycle lifecycle, SecurityIdentity identity, AlertConfig config) {
        this.lifecycle = lifecycle;
        this.identity = identity;
        this.config = config;
    }

    @GET
    @Operation(summary = "Findings, most severe and most recently seen first; filters are optional")
    public Page<FindingEvent> list(@QueryParam("state") String state, @QueryParam("severity") String severity,
            @QueryParam("host") String host, @QueryParam("port") String port,
            @QueryParam("page") @DefaultValue("0") String page, @QueryParam("size") @DefaultValue("20") String size) {
        if (host != null && host.length() > 255) {
            throw new BadInputException("host is longer than 255 characters");
        }
        int pageSize = Math.min(QueryParams.number(size, "size", 1, Integer.MAX_VALUE), config.maxPageSize());
        return lifecycle.list(optionalEnum(state, FindingState.class, "state"), optionalEnum(severity, Severity.class, "severity"),
                host == null || host.isBlank() ? null : host,
                port == null || port.isBlank() ? null : QueryParams.number(port, "port", 0, 65_535),
                QueryParams.number(page, "page", 0, 1_000_000), pageSize);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One finding with its full history")
    public FindingDetails get(@PathParam("id") String id) {
        return lifecycle.details(id);
    }

    @POST
    @Path("/{id}/acknowledge")
    @RolesAllowed(ANALYST)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "OPEN -> ACKNOWLEDGED, with a reason")
    public FindingEvent acknowledge(@PathParam("id") String id, ActionRequest request) {
        return act(id, FindingState.ACKNOWLEDGED, request);
    }

    @POST
    @Path("/{id}/suppress")
    @RolesAllowed(ANALYST)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "OPEN or ACKNOWLEDGED -> SUPPRESSED, with a reason")
    public FindingEvent suppress(@PathParam("id") String id, ActionRequest request) {
        return act(id, FindingState.SUPPRESSED, request);
    }

    @POST
    @Path("/{id}/resolve")
    @RolesAllowed(ANALYST)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Any unresolved state -> RESOLVED, with a reason; it opens again if its listener is seen again")
    public FindingEvent resolve(@PathParam("id") String id, ActionRequest request) {
        return act(id, FindingState.RESOLVED, request);
    }

    private FindingEvent act(String id, FindingState target, ActionRequest request) {
        if (request == null) {
            throw new BadInputException("the body must be {\"reason\": \"...\"}");
        }
        return lifecycle.transition(id, target, request.reason(), identity.getPrincipal().getName());
    }

    private static <E extends Enum<E>> E optionalEnum(String text, Class<E> type, String name) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(name + " '" + text + "' is not one of " + Arrays.toString(type.getEnumConstants()));
        }
    }
}
