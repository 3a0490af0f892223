package io.portwatch.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.stream.Collectors;

/**
 * Where the exceptions every service shares become RFC 9457 Problem JSON: bad input, constraint violations, malformed
 * JSON, authentication, JAX-RS's own (404, 405, 406, 415, …) and, last, anything unexpected: a 500 whose body names no
 * exception and carries no stack trace. A service maps its own domain exceptions beside this, with {@link Problem}.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response refused(ProblemException e, UriInfo uri) {
        return Problem.response(e.status(), e.title(), e.getMessage(), uri).build();
    }

    /** Hibernate Validator's verdict on parameters and bodies: each message names what to fix. */
    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        String detail = e.getConstraintViolations().stream()
                .map(ConstraintViolation::getMessage)
                .distinct()
                .sorted()
                .collect(Collectors.joining("; "));
        return Problem.response(400, "Bad Request", detail, uri).build();
    }

    /** Listed one by one so these win over the JSON provider's own mappers, which answer without Problem JSON. */
    @ServerExceptionMapper({JsonProcessingException.class, JsonParseException.class, JsonMappingException.class,
            MismatchedInputException.class, InvalidFormatException.class, ValueInstantiationException.class})
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        Throwable cause = e.getCause();
        if (cause instanceof ProblemException problem) {
            return refused(problem, uri);
        }
        String detail = cause instanceof IllegalArgumentException ? cause.getMessage()
                : "the body is not valid JSON for this resource: " + e.getOriginalMessage();
        return Problem.response(400, "Bad Request", detail, uri).build();
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        return Problem.response(401, "Unauthorized", "a valid bearer token (JWT) is required", uri)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return Problem.response(403, "Forbidden", "your token lacks the role this operation needs", uri).build();
    }

    /** Token verification itself is not configured (its key cannot be read): the caller can't fix that. */
    @ServerExceptionMapper
    public Response securityNotConfigured(DeploymentException e, UriInfo uri) {
        Log.errorf("Cannot verify tokens for %s: %s", uri.getPath(), e.getMessage());
        return Problem.response(503, "Service Unavailable", "token verification is not configured on this service; see its log", uri)
                .build();
    }

    /** JAX-RS's own refusals (no such resource, method not allowed, unsupported media type, …) with their status. */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json, uri);
        }
        if (e.getCause() instanceof ProblemException problem) {
            return refused(problem, uri);
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        return Problem.response(status.getStatusCode(), status.getReasonPhrase(), e.getMessage(), uri).build();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        Log.errorf(e, "Unexpected failure serving %s", uri.getPath());
        return Problem.response(500, "Internal Server Error", "an unexpected error occurred; it has been logged", uri).build();
    }
}
