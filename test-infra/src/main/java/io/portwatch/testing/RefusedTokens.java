package io.portwatch.testing;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.time.Instant;

/**
 * Tokens signed by the test run's own key ({@code smallrye.jwt.sign.key.location}, see {@link JwtKeysResource}) with
 * the right issuer and role, that every service must still refuse (401): each breaks one of the checks the services
 * add to the signature's.
 */
public final class RefusedTokens {

    /** Far enough ahead of any clock skew a service allows ({@code mp.jwt.verify.clock.skew}, 60 s). */
    private static final long FUTURE_SECONDS = 3600;

    private RefusedTokens() {
    }

    /** Names only {@code otherAudience} in {@code aud}: a token made for another service. */
    public static String forAudience(String otherAudience, String role) {
        return claims(role).audience(otherAudience).sign();
    }

    /** No {@code aud} at all. */
    public static String withoutAudience(String role) {
        return claims(role).sign();
    }

    /** {@code exp - iat} one second over the cap ({@link JwtKeys#MAX_TOKEN_SECONDS}). */
    public static String livingTooLong(String audience, String role) {
        Instant now = Instant.now();
        return claims(role).audience(audience).issuedAt(now).expiresAt(now.plusSeconds(JwtKeys.MAX_TOKEN_SECONDS + 1)).sign();
    }

    /** Issued an hour from now, for ten minutes: within the lifetime cap, but not valid yet. */
    public static String issuedInTheFuture(String audience, String role) {
        Instant issued = Instant.now().plusSeconds(FUTURE_SECONDS);
        return claims(role).audience(audience).issuedAt(issued).expiresAt(issued.plusSeconds(600)).sign();
    }

    private static JwtClaimsBuilder claims(String role) {
        return Jwt.issuer(JwtKeys.ISSUER).upn("mallory").subject("mallory").groups(role);
    }
}
