package io.portwatch.probe.api;

import io.portwatch.http.Problem;
import io.portwatch.probe.network.ScanFinishedException;
import io.portwatch.probe.network.ScanModeRefusedException;
import io.portwatch.probe.network.ScanNotFoundException;
import io.portwatch.probe.network.ScansBusyException;
import io.portwatch.probe.network.ScansUnavailableException;
import io.portwatch.probe.network.ScopeRefusedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** probe-service's own refusals as Problem JSON; the HTTP edge ({@code io.portwatch.http.ProblemMappers}) maps the rest. */
public class ProbeProblems {

    @ServerExceptionMapper
    public Response outOfScope(ScopeRefusedException e, UriInfo uri) {
        return Problem.response(403, "Forbidden", e.getMessage() + "; nothing was sent", uri).build();
    }

    @ServerExceptionMapper
    public Response notFound(ScanNotFoundException e, UriInfo uri) {
        return Problem.response(404, "Not Found", e.getMessage(), uri).build();
    }

    @ServerExceptionMapper
    public Response finished(ScanFinishedException e, UriInfo uri) {
        return Problem.response(409, "Conflict", e.getMessage(), uri).build();
    }

    @ServerExceptionMapper
    public Response busy(ScansBusyException e, UriInfo uri) {
        return Problem.response(429, "Too Many Requests", e.getMessage() + "; nothing was sent", uri)
                .header(HttpHeaders.RETRY_AFTER, Math.max(1, e.retryAfter().toSeconds()))
                .build();
    }

    @ServerExceptionMapper
    public Response unavailable(ScansUnavailableException e, UriInfo uri) {
        return Problem.response(503, "Service Unavailable", e.getMessage() + "; nothing was sent", uri)
                .header(HttpHeaders.RETRY_AFTER, Math.max(1, e.retryAfter().toSeconds()))
                .build();
    }

    @ServerExceptionMapper
    public Response wrongMode(ScanModeRefusedException e, UriInfo uri) {
        return Problem.response(409, "Conflict", e.getMessage() + "; nothing was sent", uri).build();
    }
}
