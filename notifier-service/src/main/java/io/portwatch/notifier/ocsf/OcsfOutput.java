package io.portwatch.notifier.ocsf;

import io.portwatch.notifier.config.NotifierConfig;
import io.portwatch.notifier.delivery.Deliveries;
import io.portwatch.notifier.delivery.HttpPoster;
import io.portwatch.notifier.delivery.OutputPipeline;
import io.portwatch.notifier.webhook.WebhookReceiver;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Optional;

/**
 * Consumes the alert topic of the {@value #CHANNEL} output (consumer group {@code portwatch-notifier-ocsf}) and
 * POSTs each change as an OCSF Detection Finding (class 2004), see {@link OcsfFormat}.
 */
@ApplicationScoped
public class OcsfOutput {

    static final String CHANNEL = "ocsf";

    private final Optional<OutputPipeline> pipeline;

    public OcsfOutput(NotifierConfig config, OcsfFormat format, HttpPoster poster, Deliveries deliveries) {
        this.pipeline = WebhookReceiver.url(config.ocsf()).map(url -> deliveries.pipeline(CHANNEL, config.ocsf(),
                new WebhookReceiver(url, config.ocsf(), format, poster)));
    }

    /** Delivers a batch read from the output's topic; returns once every change is delivered or parked. */
    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        pipeline.ifPresent(output -> output.deliver(records));
    }
}
