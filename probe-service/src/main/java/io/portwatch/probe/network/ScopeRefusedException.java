package io.portwatch.probe.network;

/** A scan target outside the allowed scopes: answered 403, and nothing is sent. */
public class ScopeRefusedException extends RuntimeException {

    public ScopeRefusedException(String message) {
        super(message);
    }
}
