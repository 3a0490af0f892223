package io.portwatch.alert;

import io.smallrye.jwt.build.Jwt;

/** Tokens signed with the test run's key (see JwtKeysResource). */
public final class Tokens {

    private Tokens() {
    }

    public static String analyst() {
        return withRole("dana", "analyst");
    }

    public static String withRole(String subject, String role) {
        return Jwt.issuer("portwatch").upn(subject).subject(subject).groups(role).sign();
    }
}
