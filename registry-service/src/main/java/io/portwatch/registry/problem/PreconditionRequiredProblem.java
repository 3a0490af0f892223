package io.portwatch.registry.problem;

/** A write came without the precondition it needs (If-Match); answered 428 with this message. */
public class PreconditionRequiredProblem extends RuntimeException {

    public PreconditionRequiredProblem(String message) {
        super(message);
    }
}
