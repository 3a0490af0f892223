package io.portwatch.registry.problem;

import io.quarkus.logging.Log;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The one place where exceptions become RFC 9457 Problem JSON responses. */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response badInput(BadInputException e, UriInfo uri) {
        return problem(Response.Status.BAD_REQUEST, e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        return problem(status, e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e, UriInfo uri) {
        Log.errorf(e, "Unexpected failure serving %s", uri.getPath());
        return problem(Response.Status.INTERNAL_SERVER_ERROR, "an unexpected error occurred; it has been logged", uri);
    }

    private static Response problem(Response.StatusType status, String detail, UriInfo uri) {
        return Response.status(status.getStatusCode())
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, uri.getPath()))
                .build();
    }
}
