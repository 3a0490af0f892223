package io.portwatch.http;

/**
 * A request refused with a status of its own (400, 404, 409, 422, 428, 503, …): answered as Problem JSON with this
 * status, title and message. The message is for the caller: it names what to fix, never a secret.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;

    public ProblemException(int status, String title, String message) {
        super(message);
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
