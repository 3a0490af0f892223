package io.portwatch.probe.network;

import java.time.Duration;

/** The scan queue is full: the request is refused (nothing is sent) and may be asked again later. */
public class ScansBusyException extends RuntimeException {

    private final Duration retryAfter;

    public ScansBusyException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** How long the client should wait before asking again. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
