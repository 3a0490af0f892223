package io.portwatch.testing;

import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Hostile input for REST fuzz tests, from a seeded random (a failure names its seed, so it replays):
 * boundary and malformed numbers, injection strings, very long and non-ASCII text, malformed and huge
 * bodies, wrong content types. Each service's fuzz test sends these to every endpoint and asserts a
 * 4xx Problem JSON, never a 5xx, and no row changed.
 */
public final class RestFuzz {

    /** The seed CI runs with, so a run replays; {@code -Dfuzz.seed=N} tries others. */
    public static final long DEFAULT_SEED = 20261124L;

    /** Values for path segments and query parameters. */
    public static final List<String> VALUES = List.of(
            "0", "1", "-1", "65535", "65536", "2147483648", "-2147483649", "99999999999999999999", "1e3", "0x50", "3283.0",
            "", " ", "tcp", "TCP", "udp", "sctp", "dccp", "icmp", "null", "true", "NaN",
            "' OR '1'='1", "1; DROP TABLE finding; --", "\" onmouseover=alert(1) \"", "<script>alert(1)</script>",
            "${jndi:ldap://127.0.0.1/x}", "../../etc/passwd", "%00", "%25", "\\u0000", "ポート", "🔥",
            "a".repeat(300), "9".repeat(5000), "OPEN", "open", "CRITICAL", "critical", "RESOLVED", "x,y", "*", "?");

    /** Bodies: malformed, wrongly typed, deeply nested, empty, huge. */
    public static final List<String> BODIES = List.of(
            "", "{", "}", "[]", "null", "42", "\"text\"", "{\"reason\":", "{\"reason\":null}", "{\"reason\":123}",
            "{\"risk\":\"NOT-A-RISK\"}", "{\"risk\":[]}", "{\"targets\":\"127.0.0.1\"}", "{\"targets\":[],\"ports\":\"\"}",
            "{\"port\":-1,\"transport\":\"tcp\"}", "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}",
            "{\"reason\":\"" + "x".repeat(2_000_000) + "\"}", "<xml/>", "\u0000\u0001\u0002", "{\"reason\":\"\\ud800\"}");

    /** Content types, right and wrong. */
    public static final List<String> CONTENT_TYPES = List.of("application/json", "text/plain", "application/xml",
            "text/csv; charset=UTF-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=latin-7");

    /** Sends every body as the bytes it is, whatever the content type says (no form or multipart encoding). */
    private static final RestAssuredConfig RAW_BODIES = RestAssuredConfig.config().encoderConfig(EncoderConfig.encoderConfig()
            .appendDefaultContentCharsetToContentTypeIfUndefined(false)
            .encodeContentTypeAs("application/x-www-form-urlencoded", ContentType.TEXT)
            .encodeContentTypeAs("multipart/form-data", ContentType.TEXT)
            .encodeContentTypeAs("application/xml", ContentType.TEXT)
            .encodeContentTypeAs("text/csv", ContentType.TEXT));

    private final long seed;
    private final Random random;

    public RestFuzz(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
    }

    /** The seed, to name in assertion messages. */
    public long seed() {
        return seed;
    }

    /** A hostile value, percent-encoded for a path segment or query parameter (requests go out without re-encoding). */
    public String value() {
        return URLEncoder.encode(pick(VALUES), StandardCharsets.UTF_8).replace("+", "%20");
    }

    public String body() {
        return pick(BODIES);
    }

    public byte[] bodyBytes() {
        return body().getBytes(StandardCharsets.UTF_8);
    }

    public String contentType() {
        return pick(CONTENT_TYPES);
    }

    public boolean coin() {
        return random.nextBoolean();
    }

    public <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /**
     * Authorization headers to try, from none to valid: garbage, Basic, expired, forged (signed by
     * another key), another issuer, another service's audience, a lifetime over the cap, issued in the future,
     * a valid token of {@code wrongRole}, a valid token of {@code role}. Tokens are signed by the test's key
     * ({@code smallrye.jwt.sign.key.location}) with SmallRye JWT; the valid ones carry {@code audience}.
     */
    public static List<Supplier<String>> authorizations(String audience, String role, String wrongRole) {
        PrivateKey forger = throwawayKey();
        return List.of(
                () -> null,
                () -> "Bearer not-a-token",
                () -> "Basic YWRtaW46YWRtaW4=",
                () -> "Bearer " + Jwt.issuer(JwtKeys.ISSUER).audience(audience).upn("eve").groups(role)
                        .expiresAt(Instant.now().minusSeconds(3600)).sign(),
                () -> "Bearer " + Jwt.issuer(JwtKeys.ISSUER).audience(audience).upn("eve").groups(role).sign(forger),
                () -> "Bearer " + Jwt.issuer("someone-else").audience(audience).upn("eve").groups(role).sign(),
                () -> "Bearer " + RefusedTokens.forAudience("someone-else", role),
                () -> "Bearer " + RefusedTokens.livingTooLong(audience, role),
                () -> "Bearer " + RefusedTokens.issuedInTheFuture(audience, role),
                () -> "Bearer " + Jwt.issuer(JwtKeys.ISSUER).audience(audience).upn("eve").groups(wrongRole).sign(),
                () -> "Bearer " + Jwt.issuer(JwtKeys.ISSUER).audience(audience).upn("dana").groups(role).sign());
    }

    /** A request with {@code authorization} (null: none), sent as given: {@link #value()} encodes. */
    public static RequestSpecification request(String authorization) {
        RequestSpecification request = RestAssured.given().urlEncodingEnabled(false).config(RAW_BODIES);
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    /**
     * Below 500, and Problem JSON when a 4xx. Only the HTTP layer's own limits (414 URI Too Long, 431
     * Request Header Fields Too Large), answered before any application code runs, come bare.
     */
    public static void assertProblemOrSuccess(Response response, String request) {
        if (response.statusCode() >= 500) {
            throw new AssertionError(request + " answered " + response.statusCode() + ": " + response.asString());
        }
        boolean protocolLimit = response.statusCode() == 414 || response.statusCode() == 431;
        if (response.statusCode() >= 400 && !protocolLimit && !String.valueOf(response.contentType()).startsWith("application/problem+json")) {
            throw new AssertionError(request + " answered " + response.statusCode() + " as " + response.contentType() + ", not Problem JSON: "
                    + response.asString());
        }
    }

    private static PrivateKey throwawayKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
