package io.portwatch.alert.api;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.Authenticated;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.Set;
import java.util.TreeSet;

/**
 * Hands the console page the access token of its OIDC session (cookie on {@code /console} only, authorization-code
 * flow), so that the page calls the API with a bearer token as it does with a pasted one, and the API never takes a
 * cookie (no CSRF). Answers only to a code-flow session: a bearer token is not one.
 */
@Path("/console/session")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class ConsoleSessionResource {

    /**
     * The signed-in user as the console needs them.
     *
     * @param token the access token to send as {@code Authorization: Bearer}
     * @param user the user's name from the ID token
     * @param roles the roles mapped from the ID token's role claim ({@code quarkus.oidc.roles.role-claim-path})
     */
    public record Session(String token, String user, Set<String> roles) {
    }

    private final SecurityIdentity identity;

    public ConsoleSessionResource(SecurityIdentity identity) {
        this.identity = identity;
    }

    @GET
    @Operation(summary = "The console's OIDC session: its access token, user and roles (needs the session cookie)")
    public Session session() {
        AccessTokenCredential access = identity.getCredential(AccessTokenCredential.class);
        if (access == null) {
            throw new UnauthorizedException("no console sign-in session");
        }
        return new Session(access.getToken(), identity.getPrincipal().getName(), new TreeSet<>(identity.getRoles()));
    }
}
