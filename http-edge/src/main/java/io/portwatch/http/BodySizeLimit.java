package io.portwatch.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Optional;

/**
 * Refuses bodies larger than the service's {@link BodyLimit} with 413 Problem JSON: one that says its length before
 * it is read; one sent without a length (chunked) as it is read, by {@link CountedBodies}. (The HTTP layer's own
 * {@code quarkus.http.limits.max-body-size} stays the backstop for what is buffered before a resource reads it.)
 */
public class BodySizeLimit {

    /** The request property that carries this request's limit to {@link CountedBodies}. */
    static final String LIMIT_PROPERTY = BodySizeLimit.class.getName() + ".limit";

    private final BodyLimit limits;

    public BodySizeLimit(BodyLimit limits) {
        this.limits = limits;
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> refuseOversizedBodies(ContainerRequestContext request, UriInfo uri) {
        int limit = limits.maxBytes(uri.getPath());
        int length = request.getLength();
        if (length > limit) {
            return Optional.of(Problem.response(413, BodyTooLargeException.TITLE,
                    "the body has " + length + " bytes; this endpoint takes at most " + limit, uri).build());
        }
        request.setProperty(LIMIT_PROPERTY, limit);
        return Optional.empty();
    }
}
