package io.portwatch.alert.api;

import io.portwatch.alert.config.AlertConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** What the console (static files under {@code /console}) needs to know of its deployment; nothing secret. */
@Path("/api/v1/console")
@Produces(MediaType.APPLICATION_JSON)
public class ConsoleResource {

    /**
     * The console's settings.
     *
     * @param registryUrl the registry-service base URL for port knowledge
     * @param oidc whether users sign in through the OIDC provider (the page then takes its token from
     *             {@code /console/session} and signs out at {@code /console/logout})
     */
    public record Settings(String registryUrl, boolean oidc) {
    }

    private final AlertConfig config;

    public ConsoleResource(AlertConfig config) {
        this.config = config;
    }

    @GET
    @Operation(summary = "The console's settings: where the registry is, how users sign in")
    public Settings settings() {
        return new Settings(config.console().registryUrl(), config.console().oidc());
    }
}
