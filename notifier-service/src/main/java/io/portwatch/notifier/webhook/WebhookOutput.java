package io.portwatch.notifier.webhook;

import io.portwatch.notifier.config.NotifierConfig;
import io.portwatch.notifier.delivery.Deliveries;
import io.portwatch.notifier.delivery.HttpPoster;
import io.portwatch.notifier.delivery.OutputPipeline;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Optional;

/**
 * Consumes the alert topic of the {@value #CHANNEL} output (consumer group {@code portwatch-notifier-webhook}) and
 * POSTs each change as a CloudEvent in structured mode.
 */
@ApplicationScoped
public class WebhookOutput {

    static final String CHANNEL = "webhook";

    private final Optional<OutputPipeline> pipeline;

    public WebhookOutput(NotifierConfig config, CloudEventFormat format, HttpPoster poster, Deliveries deliveries) {
        this.pipeline = WebhookReceiver.url(config.webhook()).map(url -> deliveries.pipeline(CHANNEL, config.webhook(),
                new WebhookReceiver(url, config.webhook(), format, poster)));
    }

    /** Delivers a batch read from the output's topic; returns once every change is delivered or parked. */
    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        pipeline.ifPresent(output -> output.deliver(records));
    }
}
