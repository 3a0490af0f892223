package io.portwatch.notifier.alertmanager;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.portwatch.events.Topics;
import io.portwatch.events.finding.FindingEvent;
import io.portwatch.events.json.EventJson;
import io.portwatch.notifier.config.NotifierConfig;
import io.portwatch.notifier.config.Secrets;
import io.portwatch.notifier.delivery.Change;
import io.portwatch.notifier.delivery.Deliveries;
import io.portwatch.notifier.delivery.DeliveryException;
import io.portwatch.notifier.delivery.HttpPoster;
import io.portwatch.notifier.delivery.OutputPipeline;
import io.portwatch.notifier.routing.RouteFilter;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Consumes the alert topic of the {@value #CHANNEL} output (consumer group {@code portwatch-notifier-alertmanager})
 * and posts each change to Alertmanager's {@code /api/v2/alerts}: firing with labels and annotations, ended with
 * {@code endsAt} (with the labels it fired with) when the finding is resolved, suppressed or no longer routed here;
 * re-sends the firing ones every {@code resend-interval} so Alertmanager doesn't end them while they are still open.
 * The firing set lives in memory: at start it is rebuilt from the topic ({@link FiringRebuild}) before any delivery.
 */
@ApplicationScoped
public class AlertmanagerOutput {

    static final String CHANNEL = "alertmanager";
    static final String RESENT = "portwatch.notifier.alertmanager.resent";
    private static final String API = "api/v2/alerts";
    private static final String JSON = "application/json";
    private static final int RESEND_CHUNK = 500;

    private final NotifierConfig.Alertmanager config;
    private final Optional<URI> alerts;
    private final AlertMapper mapper;
    private final HttpPoster poster;
    private final FiringAlerts firing;
    private final RouteFilter filter;
    private final OutputPipeline pipeline;
    private final Counter resent;
    private final FiringRebuild rebuild;
    /** Done once the firing set is rebuilt from the topic (or could not be); deliveries wait for it. */
    private final CompletableFuture<Void> rebuilt = new CompletableFuture<>();
    /**
     * Held while a batch of changes is posted and the firing set updated, and while the firing set is re-sent: a
     * re-send that read the set before a change ended an alert must not post it after that change, or the ended alert
     * fires again until Alertmanager's resolve_timeout (a severity change left two alerts). A slow Alertmanager thus
     * holds deliveries back while a re-send waits for it, at most its timeout per chunk.
     */
    private final Object posting = new Object();

    public AlertmanagerOutput(NotifierConfig config, AlertMapper mapper, HttpPoster poster, Deliveries deliveries,
            FiringRebuild rebuild, MeterRegistry registry) {
        this.config = config.alertmanager();
        this.alerts = Secrets.url(this.config).map(base -> base.resolve(base.getPath().endsWith("/") ? API : "/" + API));
        this.mapper = mapper;
        this.poster = poster;
        this.firing = new FiringAlerts(this.config.maxFiring());
        this.filter = new RouteFilter(this.config);
        this.pipeline = deliveries.pipeline(CHANNEL, this.config, this::send, event -> firing.contains(event.findingId()));
        this.resent = Counter.builder(RESENT).description("Firing alerts sent to Alertmanager again").register(registry);
        this.rebuild = rebuild;
    }

    void onStart(@Observes StartupEvent event) {
        if (alerts.isEmpty()) {
            rebuilt.complete(null);
            return;
        }
        Thread thread = new Thread(this::rebuildFiring, "alertmanager-firing-rebuild");
        thread.setDaemon(true);
        thread.start();
    }

    /** Fills the firing set from the topic, so that alerts of findings still open are re-sent after a restart. */
    private void rebuildFiring() {
        String topic = config.topic().orElse(Topics.ALERTS);
        try {
            Map<String, AlertmanagerAlert> found = rebuild.firing(topic, filter::accepts, config.rebuildDeadline());
            found.forEach(firing::firing);
            Log.infof("Output %s: %d firing alerts found in %s, re-sent every %s", CHANNEL, found.size(), topic, config.resendInterval());
        } catch (RuntimeException e) {
            Log.errorf("Output %s: could not find the firing alerts in %s (%s): alerts of findings that stay open and do not change "
                    + "end in Alertmanager after its resolve_timeout", CHANNEL, topic, e.getMessage());
        } finally {
            rebuilt.complete(null);
        }
    }

    /** Delivers a batch read from the output's topic; returns once every change is delivered or parked. */
    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        if (alerts.isPresent()) {
            rebuilt.join();
            pipeline.deliver(records);
        }
    }

    /** Sends every firing alert again; failures wait for the next round (the alerts still have their timeout). */
    @Scheduled(every = "${portwatch.notifier.alertmanager.resend-interval:60S}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void resend() {
        if (alerts.isEmpty()) {
            return;
        }
        synchronized (posting) {
            List<AlertmanagerAlert> all = firing.all();
            for (int start = 0; start < all.size(); start += RESEND_CHUNK) {
                List<AlertmanagerAlert> chunk = all.subList(start, Math.min(all.size(), start + RESEND_CHUNK));
                try {
                    post(chunk);
                    resent.increment(chunk.size());
                } catch (DeliveryException e) {
                    Log.warnf("Output %s: re-sending %d firing alerts failed, next round in %s: %s", CHANNEL, chunk.size(),
                            config.resendInterval(), e.getMessage());
                    return;
                }
            }
        }
    }

    private void send(List<Change> batch) throws DeliveryException {
        synchronized (posting) {
            // One alert per finding: the newest change of each in this batch.
            Map<String, FindingEvent> latest = new LinkedHashMap<>();
            batch.forEach(change -> latest.merge(change.event().findingId(), change.event(),
                    (older, newer) -> newer.version() >= older.version() ? newer : older));
            Instant now = Instant.now();
            List<AlertmanagerAlert> request = new ArrayList<>();
            Map<String, AlertmanagerAlert> nowFiring = new LinkedHashMap<>();
            latest.forEach((id, event) -> {
                AlertmanagerAlert previous = firing.get(id);
                if (AlertMapper.firing(event) && filter.accepts(event)) {
                    AlertmanagerAlert alert = mapper.firingAlert(event);
                    if (previous != null && !previous.labels().equals(alert.labels())) {
                        // Alertmanager knows an alert by its labels: a changed severity is a new alert, so end the old one.
                        request.add(previous.endedAt(now));
                    }
                    request.add(alert);
                    nowFiring.put(id, alert);
                } else {
                    request.add(previous != null ? previous.endedAt(now) : mapper.endedAlert(event, now));
                }
            });
            post(request);
            latest.keySet().forEach(id -> {
                AlertmanagerAlert alert = nowFiring.get(id);
                if (alert == null) {
                    firing.ended(id);
                } else {
                    firing.firing(id, alert);
                }
            });
        }
    }

    private void post(List<AlertmanagerAlert> batch) throws DeliveryException {
        poster.post(alerts.orElseThrow(), JSON, EventJson.toBytes(batch), Map.of(), config.timeout());
    }
}
