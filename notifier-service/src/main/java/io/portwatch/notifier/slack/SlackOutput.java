package io.portwatch.notifier.slack;

import io.portwatch.events.json.EventJson;
import io.portwatch.notifier.config.NotifierConfig;
import io.portwatch.notifier.config.Secrets;
import io.portwatch.notifier.delivery.Change;
import io.portwatch.notifier.delivery.Deliveries;
import io.portwatch.notifier.delivery.HttpPoster;
import io.portwatch.notifier.delivery.OutputPipeline;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Map;
import java.util.Optional;

/**
 * Consumes the alert topic of the {@value #CHANNEL} output (consumer group {@code portwatch-notifier-slack}) and
 * posts readable messages to a Slack-compatible incoming webhook (its URL is a secret: give it with
 * {@code url-file}); with a batch size above 1, one message carries a paragraph per change.
 */
@ApplicationScoped
public class SlackOutput {

    static final String CHANNEL = "slack";
    private static final String JSON = "application/json";

    private final Optional<OutputPipeline> pipeline;

    public SlackOutput(NotifierConfig config, SlackMessage message, HttpPoster poster, Deliveries deliveries) {
        NotifierConfig.Slack slack = config.slack();
        this.pipeline = Secrets.url(slack).map(url -> deliveries.pipeline(CHANNEL, slack, batch -> poster.post(url, JSON,
                EventJson.toBytes(message.of(batch.stream().map(Change::event).toList())), Map.of(), slack.timeout())));
    }

    /** Delivers a batch read from the output's topic; returns once every change is delivered or parked. */
    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        pipeline.ifPresent(output -> output.deliver(records));
    }
}
