package io.portwatch.alert.fleet;

import io.portwatch.http.ProblemException;

/** A fleet secret this service needs cannot be read: answered 503, the operator has to mount it. */
public class FleetUnavailableException extends ProblemException {

    public FleetUnavailableException(String message) {
        super(503, "Service Unavailable", message);
    }
}
