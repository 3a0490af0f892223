package io.portwatch.notifier.support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every test of the notifier's outputs starts from: the real receivers {@link OutputsResource} started (injected
 * into {@link #outputs}), a writer of {@code portwatch.alerts} and a reader of the changes parked on
 * {@code portwatch.alerts.undeliverable}, opened for each test. After each test the HTTP receivers answer 200 and
 * listen again, whatever the test made them do.
 */
public abstract class OutputFixture {

    protected Outputs outputs;
    protected AlertsTopic alerts;
    protected Undeliverable undeliverable;

    @BeforeEach
    void openTopics() {
        alerts = new AlertsTopic();
        undeliverable = new Undeliverable(AlertsTopic.bootstrapServers());
    }

    @AfterEach
    void resetReceiversAndCloseTopics() {
        outputs.webhook().reset();
        outputs.ocsf().reset();
        outputs.slack().reset();
        alerts.close();
        undeliverable.close();
    }
}
