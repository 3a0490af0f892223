package io.portwatch.alert.api;

/**
 * The error responses described once in {@code META-INF/openapi.yaml} (each RFC 9457 Problem JSON), by name, for an
 * operation to list the ones it can answer: {@code @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)}.
 */
public final class ProblemResponses {

    public static final String BAD_REQUEST = "BadRequest";
    public static final String UNAUTHORIZED = "Unauthorized";
    public static final String FORBIDDEN = "Forbidden";
    public static final String NOT_FOUND = "NotFound";
    public static final String CONFLICT = "Conflict";
    public static final String PAYLOAD_TOO_LARGE = "PayloadTooLarge";
    public static final String UNPROCESSABLE = "UnprocessableContent";
    public static final String UNAVAILABLE = "ServiceUnavailable";

    private ProblemResponses() {
    }
}
