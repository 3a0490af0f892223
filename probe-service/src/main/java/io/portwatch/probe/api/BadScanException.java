package io.portwatch.probe.api;

/** A scan request that cannot be run as asked: answered 400 with the reason. */
public class BadScanException extends RuntimeException {

    public BadScanException(String message) {
        super(message);
    }
}
