package io.portwatch.alert.api;

/** The request is wrong in a way its sender can fix; answered 400 with this message. */
public class BadInputException extends RuntimeException {

    public BadInputException(String message) {
        super(message);
    }
}
