package io.portwatch.registry;

import io.portwatch.testing.JwtKeys;
import io.smallrye.jwt.build.Jwt;

/** Tokens signed with the test run's key (see JwtKeysResource). */
public final class Tokens {

    private Tokens() {
    }

    public static String admin() {
        return withRole("alice", "registry-admin");
    }

    public static String withRole(String subject, String role) {
        return Jwt.issuer(JwtKeys.ISSUER).audience(JwtKeys.REGISTRY_AUDIENCE).upn(subject).subject(subject).groups(role).sign();
    }
}
