package io.portwatch.http;

/** A body grew past its endpoint's limit while it was read; answered 413. */
public class BodyTooLargeException extends ProblemException {

    static final String TITLE = "Content Too Large";

    public BodyTooLargeException(int limit) {
        super(413, TITLE, "the body has more bytes than this endpoint takes: at most " + limit);
    }
}
