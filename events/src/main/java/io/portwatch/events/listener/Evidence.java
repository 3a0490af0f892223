package io.portwatch.events.listener;

/**
 * What a network probe observed of a listener, so an analyst can verify a finding.
 *
 * @param kind          the probe that produced it, e.g. {@code tcp-connect}, {@code arms-status}, {@code http}
 * @param requestBytes  bytes sent, or null
 * @param responseBytes bytes received, or null
 * @param banner        the first bytes the service sent, printable, or null
 * @param tls           whether the service spoke TLS, or null when not tried
 * @param httpStatus    HTTP status code, or null
 * @param httpServer    HTTP Server header, or null
 * @param httpAuth      authentication the service asked for (e.g. {@code Basic realm="admin"}), or null
 */
public record Evidence(
        String kind,
        Integer requestBytes,
        Integer responseBytes,
        String banner,
        Boolean tls,
        Integer httpStatus,
        String httpServer,
        String httpAuth) {

    /** The measured amplification (response bytes per request byte), or null when not measured. */
    public Double amplificationRatio() {
        if (requestBytes == null || responseBytes == null || requestBytes == 0) {
            return null;
        }
        return responseBytes / (double) requestBytes;
    }
}
