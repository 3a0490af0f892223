package io.portwatch.http;

/** How large a request body a service takes, per path: each service gives one bean of it, from its own configuration. */
@FunctionalInterface
public interface BodyLimit {

    /** The most bytes a body sent to {@code path} may have. */
    int maxBytes(String path);
}
