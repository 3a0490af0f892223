package io.portwatch.registry.problem;

import io.portwatch.registry.config.RegistryConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Optional;

/**
 * Refuses bodies larger than a write needs with 413 Problem JSON before they are read: JSON writes
 * take {@code max-json-body-bytes}, the IANA import {@code max-csv-body-bytes}. (The HTTP layer's own
 * {@code quarkus.http.limits.max-body-size} is the backstop for bodies sent without a length.)
 */
public class BodySizeLimit {

    private final RegistryConfig config;

    public BodySizeLimit(RegistryConfig config) {
        this.config = config;
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> refuseOversizedBodies(ContainerRequestContext request, UriInfo uri) {
        int length = request.getLength();
        int limit = uri.getPath().endsWith("/iana-import") ? config.maxCsvBodyBytes() : config.maxJsonBodyBytes();
        if (length > limit) {
            return Optional.of(ProblemMappers.problem(413, "Content Too Large",
                    "the body has " + length + " bytes; this endpoint takes at most " + limit, uri).build());
        }
        return Optional.empty();
    }
}
