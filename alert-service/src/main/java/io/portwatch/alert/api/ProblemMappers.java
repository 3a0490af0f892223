package io.portwatch.alert.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.portwatch.alert.assets.AssetNotFoundException;
import io.portwatch.alert.findings.FindingNotFoundException;
import io.portwatch.alert.findings.FindingTransitionException;
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

/** The one place where alert-service's exceptions become RFC 9457 Problem JSON responses. */
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
    public Response badInput(BadInputException e, UriInfo uri) {
        return problem(400, "Bad Request", e.getMessage(), uri).build();
    }

    @ServerExceptionMapper
    public Response refused(ProblemException e, UriInfo uri) {
        return problem(e.status(), e.title(), e.getMessage(), uri).build();
    }

    @ServerExceptionMapper({FindingNotFoundException.class, AssetNotFoundException.class})
    public Response notFound(RuntimeException e, UriInfo uri) {
        return problem(404, "Not Found", e.getMessage(), uri).build();
    }

    @ServerExceptionMapper
    public Response conflict(FindingTransitionException e, UriInfo uri) {
        return problem(409, "Conflict", e.getMessage(), uri).build();
    }

    /** Listed one by one so these win over the JSON provider's own mappers, which answer without Problem JSON. */
    @ServerExceptionMapper({JsonProcessingException.class, JsonParseException.class, JsonMappingException.class,
            MismatchedInputException.class, InvalidFormatException.class, ValueInstantiationException.class})
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        Throwable cause = e.getCause();
        String detail = cause instanceof IllegalArgumentException ? cause.getMessage()
                : "the body is not valid JSON for this resource: " + e.getOriginalMessage();
        return problem(400, "Bad Request", detail, uri).build();
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        return problem(401, "Unauthorized", "a valid bearer token (JWT) is required", uri)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return problem(403, "Forbidden", "your token lacks the role this operation needs", uri).build();
    }

    /** Token verification itself is not configured (its key cannot be read): the caller can't fix that. */
    @ServerExceptionMapper
    public Response securityNotConfigured(DeploymentException e, UriInfo uri) {
        Log.errorf("Cannot verify tokens for %s: %s", uri.getPath(), e.getMessage());
        return problem(503, "Service Unavailable", "token verification is not configured on this service; see its log", uri)
                .build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json, uri);
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        return problem(status.getStatusCode(), status.getReasonPhrase(), e.getMessage(), uri).build();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        Log.errorf(e, "Unexpected failure serving %s", uri.getPath());
        return problem(500, "Internal Server Error", "an unexpected error occurred; it has been logged", uri).build();
    }

    static Response.ResponseBuilder problem(int status, String title, String detail, UriInfo uri) {
        return Response.status(status)
                .type("application/problem+json")
                .entity(new Problem("about:blank", title, status, detail, uri.getPath()));
    }
}
