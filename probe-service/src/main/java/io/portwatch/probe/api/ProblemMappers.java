package io.portwatch.probe.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.portwatch.probe.network.ScanFinishedException;
import io.portwatch.probe.network.ScanModeRefusedException;
import io.portwatch.probe.network.ScanNotFoundException;
import io.portwatch.probe.network.ScansBusyException;
import io.portwatch.probe.network.ScansUnavailableException;
import io.portwatch.probe.network.ScopeRefusedException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The one place where probe-service's exceptions become RFC 9457 Problem JSON responses. */
public class ProblemMappers {

    /**
     * An RFC 9457 problem detail.
     *
     * @param type     {@code about:blank}: the status says what kind
     * @param title    the status's reason phrase
     * @param status   the HTTP status
     * @param detail   what was wrong with this request
     * @param instance the request path
     */
    public record Problem(String type, String title, int status, String detail, String instance) {
    }

    @ServerExceptionMapper
    public Response badScan(BadScanException e, UriInfo uri) {
        return problem(400, "Bad Request", e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public Response outOfScope(ScopeRefusedException e, UriInfo uri) {
        return problem(403, "Forbidden", e.getMessage() + "; nothing was sent", uri);
    }

    @ServerExceptionMapper
    public Response notFound(ScanNotFoundException e, UriInfo uri) {
        return problem(404, "Not Found", e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public Response finished(ScanFinishedException e, UriInfo uri) {
        return problem(409, "Conflict", e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public Response busy(ScansBusyException e, UriInfo uri) {
        return Response.fromResponse(problem(429, "Too Many Requests", e.getMessage() + "; nothing was sent", uri))
                .header(HttpHeaders.RETRY_AFTER, Math.max(1, e.retryAfter().toSeconds()))
                .build();
    }

    @ServerExceptionMapper
    public Response unavailable(ScansUnavailableException e, UriInfo uri) {
        return Response.fromResponse(problem(503, "Service Unavailable", e.getMessage() + "; nothing was sent", uri))
                .header(HttpHeaders.RETRY_AFTER, Math.max(1, e.retryAfter().toSeconds()))
                .build();
    }

    @ServerExceptionMapper
    public Response wrongMode(ScanModeRefusedException e, UriInfo uri) {
        return problem(409, "Conflict", e.getMessage() + "; nothing was sent", uri);
    }

    /** Listed one by one so these win over the JSON provider's own mappers, which answer without Problem JSON. */
    @ServerExceptionMapper({JsonProcessingException.class, JsonParseException.class, JsonMappingException.class,
            MismatchedInputException.class, InvalidFormatException.class, ValueInstantiationException.class})
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        return problem(400, "Bad Request", "the body is not a valid scan request: " + e.getOriginalMessage(), uri);
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        return Response.fromResponse(problem(401, "Unauthorized", "a valid bearer token (JWT) is required", uri))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return problem(403, "Forbidden", "your token lacks the role this operation needs", uri);
    }

    /** Token verification itself is not configured (its key cannot be read): the caller can't fix that. */
    @ServerExceptionMapper
    public Response securityNotConfigured(DeploymentException e, UriInfo uri) {
        Log.errorf("Cannot verify tokens for %s: %s", uri.getPath(), e.getMessage());
        return problem(503, "Service Unavailable", "token verification is not configured on this service; see its log", uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json, uri);
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        return problem(status.getStatusCode(), status.getReasonPhrase(), e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        Log.errorf(e, "Unexpected failure serving %s", uri.getPath());
        return problem(500, "Internal Server Error", "an unexpected error occurred; it has been logged", uri);
    }

    static Response problem(int status, String title, String detail, UriInfo uri) {
        return Response.status(status)
                .type("application/problem+json")
                .entity(new Problem("about:blank", title, status, detail, uri.getPath()))
                .build();
    }
}
