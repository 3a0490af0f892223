package io.portwatch.http;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * An RFC 9457 problem detail, the body of every error response.
 *
 * @param type     a URI naming the kind of problem ({@code about:blank}: the status says what kind)
 * @param title    the status's reason phrase
 * @param status   the HTTP status
 * @param detail   what was wrong with this request
 * @param instance the request path
 */
public record Problem(String type, String title, int status, String detail, String instance) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** A response with this status carrying a problem of it, for a mapper to add headers to and build. */
    public static Response.ResponseBuilder response(int status, String title, String detail, UriInfo uri) {
        return Response.status(status)
                .type(MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, detail, uri.getPath()));
    }
}
