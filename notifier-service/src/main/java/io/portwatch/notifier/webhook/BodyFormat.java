package io.portwatch.notifier.webhook;

import io.portwatch.notifier.delivery.Change;

import java.util.List;

/** How a webhook output writes a batch of changes into one request body. */
public interface BodyFormat {

    /** The Content-Type of a body of {@code count} changes. */
    String contentType(int count);

    /** The body: one document for one change, a JSON array for more. */
    byte[] body(List<Change> batch);
}
