package io.portwatch.probe.network;

import java.time.Duration;

/**
 * This probe cannot scan now: it has no fleet identity yet (answered 503 with Retry-After), so nothing it found
 * could be signed. Nothing is sent.
 */
public class ScansUnavailableException extends RuntimeException {

    private final Duration retryAfter;

    public ScansUnavailableException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** How long the client should wait before asking again. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
