package io.portwatch.probe.api;

import io.portwatch.probe.config.ProbeConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Optional;

/**
 * Refuses bodies larger than {@code portwatch.probe.max-body-bytes} with 413 Problem JSON before they
 * are read. (The HTTP layer's {@code quarkus.http.limits.max-body-size} is the backstop for bodies
 * sent without a length.)
 */
public class BodySizeLimit {

    private final int limit;

    public BodySizeLimit(ProbeConfig config) {
        this.limit = config.maxBodyBytes();
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> refuseOversizedBodies(ContainerRequestContext request, UriInfo uri) {
        int length = request.getLength();
        if (length > limit) {
            return Optional.of(ProblemMappers.problem(413, "Content Too Large",
                    "the body has " + length + " bytes; this service takes at most " + limit, uri));
        }
        return Optional.empty();
    }
}
