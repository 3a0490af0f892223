package io.portwatch.alert;

import io.portwatch.testing.JwtKeys;
import io.smallrye.jwt.build.Jwt;

/** Tokens signed with the test run's key (see JwtKeysResource). */
public final class Tokens {

    private Tokens() {
    }

    public static String analyst() {
        return withRole("dana", "analyst");
    }

    public static String viewer() {
        return withRole("vera", "viewer");
    }

    public static String fleetAdmin() {
        return withRole("fiona", "fleet-admin");
    }

    public static String withRole(String subject, String role) {
        return Jwt.issuer(JwtKeys.ISSUER).audience(JwtKeys.ALERT_AUDIENCE).upn(subject).subject(subject).groups(role).sign();
    }
}
