package io.portwatch.registry.problem;

/**
 * An RFC 9457 problem detail, the body of every error response.
 *
 * @param type     a URI naming the kind of problem ({@code about:blank} when the status says it all)
 * @param title    short summary of the kind
 * @param status   the HTTP status
 * @param detail   what was wrong with this request
 * @param instance the request path
 */
public record Problem(String type, String title, int status, String detail, String instance) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
