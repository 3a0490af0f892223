package io.portwatch.events.listener;

import java.time.Instant;

/**
 * What a network probe observed of a listener, so an analyst can verify a finding. Every text is what the
 * service sent, with control characters escaped as {@code \xNN} and cut to the contract's length.
 *
 * @param kind             the probe that produced it, e.g. {@code tcp-connect}, {@code arms-status}, {@code http}
 * @param requestBytes     bytes sent, or null
 * @param responseBytes    bytes received, or null
 * @param banner           the first bytes the service sent, printable, or null
 * @param tls              whether the service spoke TLS, or null when not tried
 * @param httpStatus       HTTP status code, or null
 * @param httpServer       HTTP Server header, or null
 * @param httpAuth         authentication the service asked for (e.g. {@code Basic realm="admin"}), or null
 * @param timedOut         true when the probe's overall deadline ended it before the service finished
 *                         answering (a tarpit): what was read is kept, no verdict rests on it; null otherwise
 * @param tlsSubject       the subject of the certificate the service presented over TLS, or null
 * @param tlsNotAfter      when that certificate expires, or null
 * @param plainHttpRefused true when the service refused a plain-HTTP request as sent to a TLS port (nginx's
 *                         {@code 400 The plain HTTP request was sent to HTTPS port}), or null when not seen
 */
public record Evidence(
        String kind,
        Integer requestBytes,
        Integer responseBytes,
        String banner,
        Boolean tls,
        Integer httpStatus,
        String httpServer,
        String httpAuth,
        Boolean timedOut,
        String tlsSubject,
        Instant tlsNotAfter,
        Boolean plainHttpRefused) {

    /** Evidence of a probe that finished within its deadline and saw no certificate. */
    public Evidence(String kind, Integer requestBytes, Integer responseBytes, String banner, Boolean tls, Integer httpStatus,
            String httpServer, String httpAuth) {
        this(kind, requestBytes, responseBytes, banner, tls, httpStatus, httpServer, httpAuth, null, null, null, null);
    }

    /** The measured amplification (response bytes per request byte), or null when not measured. */
    public Double amplificationRatio() {
        if (requestBytes == null || responseBytes == null || requestBytes == 0) {
            return null;
        }
        return responseBytes / (double) requestBytes;
    }

    /** Whether the probe's deadline cut it short: such evidence proves nothing either way. */
    public boolean cutShort() {
        return Boolean.TRUE.equals(timedOut);
    }
}
