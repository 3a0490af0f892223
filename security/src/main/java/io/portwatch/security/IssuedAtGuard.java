package io.portwatch.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Instant;

/**
 * Refuses a bearer token whose {@code iat} lies in the future by more than the clock skew
 * ({@code mp.jwt.verify.clock.skew}, seconds). SmallRye JWT checks {@code exp - iat} against
 * {@code smallrye.jwt.time-to-live} but accepts any future {@code iat}: a token dated a year ahead with an
 * hour's lifetime would be valid for a year. Fails with {@link AuthenticationFailedException} (401).
 */
@ApplicationScoped
public class IssuedAtGuard implements SecurityIdentityAugmentor {

    private final long skewSeconds;

    /** @param skewSeconds MicroProfile JWT's own clock skew, so {@code iat} gets the same leeway as {@code exp} */
    IssuedAtGuard(@ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "60") long skewSeconds) {
        this.skewSeconds = skewSeconds;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.getPrincipal() instanceof JsonWebToken token
                && token.getIssuedAtTime() > Instant.now().getEpochSecond() + skewSeconds) {
            return Uni.createFrom().failure(new AuthenticationFailedException("the token's iat lies in the future"));
        }
        return Uni.createFrom().item(identity);
    }
}
