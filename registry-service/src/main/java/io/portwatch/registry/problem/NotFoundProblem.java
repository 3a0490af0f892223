package io.portwatch.registry.problem;

/** Nothing answers to what was asked; answered 404 with this message. */
public class NotFoundProblem extends RuntimeException {

    public NotFoundProblem(String message) {
        super(message);
    }
}
