package io.portwatch.alert.api;

import io.portwatch.alert.assets.AssetNotFoundException;
import io.portwatch.alert.findings.FindingNotFoundException;
import io.portwatch.alert.findings.FindingTransitionException;
import io.portwatch.http.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** alert-service's own refusals as Problem JSON; the HTTP edge ({@code io.portwatch.http.ProblemMappers}) maps the rest. */
public class AlertProblems {

    @ServerExceptionMapper({FindingNotFoundException.class, AssetNotFoundException.class})
    public Response notFound(RuntimeException e, UriInfo uri) {
        return Problem.response(404, "Not Found", e.getMessage(), uri).build();
    }

    @ServerExceptionMapper
    public Response conflict(FindingTransitionException e, UriInfo uri) {
        return Problem.response(409, "Conflict", e.getMessage(), uri).build();
    }
}
