package io.portwatch.probe;

import io.portwatch.testing.JwtKeys;
import io.smallrye.jwt.build.Jwt;

/** Tokens for probe-service, signed with the test run's key (see JwtKeysResource). */
public final class Tokens {

    private Tokens() {
    }

    public static String operator() {
        return withRole("olga", "operator");
    }

    public static String viewer() {
        return withRole("vera", "viewer");
    }

    public static String withRole(String subject, String role) {
        return Jwt.issuer(JwtKeys.ISSUER).audience(JwtKeys.PROBE_AUDIENCE).upn(subject).subject(subject).groups(role).sign();
    }
}
