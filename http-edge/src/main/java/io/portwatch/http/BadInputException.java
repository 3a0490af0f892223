package io.portwatch.http;

/** The request is wrong in a way its sender can fix; answered 400 with this message. */
public class BadInputException extends ProblemException {

    public BadInputException(String message) {
        super(400, "Bad Request", message);
    }
}
