package io.portwatch.alert.listeners;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

import java.util.Optional;

/**
 * Live and ready until the listener consumer fails ({@link ListenerPoller}: its poll, or a transaction that retrying
 * would not mend): then the service is neither, and is restarted (the failed batch's offsets are not committed, so its
 * records are read again). Waiting to start (for the schema and the knowledge) is both: the other readiness checks say
 * why correlation has not started.
 */
@Liveness
@Readiness
@ApplicationScoped
public class ListenerConsumerHealth implements HealthCheck {

    static final String NAME = "alert-listener-consumer";

    private final ListenerPoller poller;

    public ListenerConsumerHealth(ListenerPoller poller) {
        this.poller = poller;
    }

    @Override
    public HealthCheckResponse call() {
        Optional<Throwable> failure = poller.failure();
        return HealthCheckResponse.named(NAME)
                .status(failure.isEmpty())
                .withData("state", failure.map(e -> "failed: " + e.getMessage()).orElse(poller.polling() ? "polling" : "not polling"))
                .build();
    }
}
