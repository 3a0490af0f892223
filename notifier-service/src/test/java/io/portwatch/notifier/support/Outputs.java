package io.portwatch.notifier.support;

/** The receivers {@link OutputsResource} started, injected into a test's field of this type. */
public record Outputs(AlertmanagerProcess alertmanager, TestReceiver webhook, TestReceiver ocsf, TestReceiver slack)
        implements AutoCloseable {

    @Override
    public void close() {
        alertmanager.close();
        webhook.close();
        ocsf.close();
        slack.close();
    }
}
