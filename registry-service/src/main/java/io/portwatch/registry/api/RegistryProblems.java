package io.portwatch.registry.api;

import io.portwatch.http.Problem;
import io.portwatch.registry.iana.IanaFormatException;
import io.portwatch.registry.knowledge.VersionConflictException;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Registry's own refusals as Problem JSON; the HTTP edge ({@code io.portwatch.http.ProblemMappers}) maps the rest. */
public class RegistryProblems {

    @ServerExceptionMapper
    public Response versionConflict(VersionConflictException e, UriInfo uri) {
        return Problem.response(412, "Precondition Failed", e.getMessage(), uri)
                .tag(new EntityTag(Long.toString(e.currentVersion())))
                .build();
    }

    @ServerExceptionMapper
    public Response ianaFormat(IanaFormatException e, UriInfo uri) {
        return Problem.response(400, "Bad Request", e.getMessage() + "; nothing was imported", uri).build();
    }
}
