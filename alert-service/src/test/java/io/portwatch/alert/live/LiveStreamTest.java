package io.portwatch.alert.live;

import io.micrometer.core.instrument.MeterRegistry;
import io.portwatch.alert.AlertFlow;
import io.portwatch.alert.Fixtures;
import io.portwatch.alert.outbox.OutboxPublisher;
import io.portwatch.events.Topics;
import io.portwatch.events.finding.FindingEvent;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.finding.Severity;
import io.portwatch.events.json.CloudEvent;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.Risk;
import io.portwatch.events.knowledge.ServiceStatus;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.Evidence;
import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.ListenerEventType;
import io.portwatch.testing.TopicWriter;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import jakarta.inject.Inject;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /api/v1/findings/live}: every finding change published on {@code portwatch.alerts} reaches every open
 * stream; records of another producer or breaking the contract never do (skipped and counted); with no stream open
 * the reader is paused, and a stream that opens gets the changes stamped since it opened, though written before the
 * reader resumed (not only those after the partitions' end), but never again one stamped ahead of time that an earlier
 * stream got, nor, past it, those published while none was open; the reader waits for a stream to be subscribed, not
 * only requested, and two streams subscribed in the other order than requested get the changes stamped since the first
 * request; a change that comes while a subscriber requests none is dropped for it and counted; and one
 * instance refuses more than {@code max-live-streams} streams with 503.
 */
@QuarkusTest
class LiveStreamTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final PortKey ARMS = new PortKey(Transport.UDP, 3283);
    private static final String OPENED = "portwatch.finding.opened";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "portwatch.alert.console.max-live-streams")
    int maxStreams;

    @TestHTTPResource("/api/v1/findings/live")
    URI liveUri;

    @Inject
    MeterRegistry registry;

    @Inject
    LiveFindings live;

    @Test
    void everyOpenStreamGetsEachPublishedChangeAndNothingForged() throws IOException {
        String host = "live-" + UUID.randomUUID().toString().substring(0, 8);
        double skippedBefore = registry.counter("portwatch.alert.live.skipped").count();
        try (AlertFlow flow = new AlertFlow(bootstrapServers).knowledge(1,
                Fixtures.knowledge(ARMS, ServiceStatus.ACTIVE, Risk.CRITICAL, List.of("ARDAgent"), 35.5, false));
             LiveStream first = LiveStream.open(liveUri); LiveStream second = LiveStream.open(liveUri);
             TopicWriter writer = new TopicWriter(bootstrapServers)) {
            assertThat(first.status()).isEqualTo(200);
            assertThat(second.status()).isEqualTo(200);
            flow.publish(Fixtures.event(ListenerEventType.OPENED, host,
                    Fixtures.withEvidence(Fixtures.listener(ARMS, "198.51.100.20", Exposure.REACHABLE),
                            new Evidence("arms-status", 32, 1034, null, null, null, null, null))));
            FindingEvent opened = flow.awaitFinding(host, ARMS, "amplification-reflector", FindingState.OPEN);
            for (LiveStream stream : List.of(first, second)) {
                await().atMost(DEADLINE).until(() -> stream.data().stream().anyMatch(data -> data.contains(opened.findingId())));
                List<String> mine = stream.data().stream().filter(data -> data.contains(host)).toList();
                assertThat(mine).hasSize(1);
                LiveChange change = EventJson.mapper().readValue(mine.get(0), LiveChange.class);
                assertThat(change.change()).isEqualTo("opened");
                assertThat(change.finding().findingId()).isEqualTo(opened.findingId());
                assertThat(change.finding().listener().evidence().responseBytes()).isEqualTo(1034);
            }

            FindingEvent forged = forgedFinding(host + "-forged");
            writer.send(Topics.ALERTS, forged.findingId(), EventJson.toBytes(forged), cloudEvent("/someone/else", OPENED));
            writer.send(Topics.ALERTS, "x", "{not json".getBytes(StandardCharsets.UTF_8), cloudEvent(OutboxPublisher.SOURCE, OPENED));
            FindingEvent escaping = forgedFinding(host + "-\u001b[2J");
            writer.send(Topics.ALERTS, "y", EventJson.toBytes(escaping), cloudEvent(OutboxPublisher.SOURCE, OPENED));
            writer.send(Topics.ALERTS, "z", EventJson.toBytes(forgedFinding(host + "-typed")),
                    cloudEvent(OutboxPublisher.SOURCE, "portwatch.finding.erased"));
            await().atMost(DEADLINE).until(() -> registry.counter("portwatch.alert.live.skipped").count() >= skippedBefore + 4);
            for (LiveStream stream : List.of(first, second)) {
                assertThat(stream.data().stream().filter(data -> data.contains(host))).hasSize(1);
            }
        }
    }

    @Test
    void withNoStreamOpenTheReaderIsPausedAndAStreamGetsTheChangesStampedSinceItOpened() {
        awaitNoStreamAndReaderPaused();
        double readBefore = registry.counter("portwatch.alert.live.read").count();
        String host = "paused-" + UUID.randomUUID().toString().substring(0, 8);
        FindingEvent before = forgedFinding(host + "-before");
        FindingEvent since = forgedFinding(host + "-since");
        try (TopicWriter writer = new TopicWriter(bootstrapServers)) {
            // Both written while the reader is paused, one stamped before the stream opens and one after (as a change
            // published in the half second before the paused reader notices a stream; stamped past this test's deadline,
            // so after the stream opens however slow the machine): only the second reaches it.
            writer.send(Topics.ALERTS, before.findingId(), EventJson.toBytes(before), cloudEvent(OutboxPublisher.SOURCE, OPENED),
                    Instant.now().minusSeconds(5));
            writer.send(Topics.ALERTS, since.findingId(), EventJson.toBytes(since), cloudEvent(OutboxPublisher.SOURCE, OPENED),
                    Instant.now().plus(DEADLINE));
            try (LiveStream stream = LiveStream.open(liveUri)) {
                assertThat(stream.status()).isEqualTo(200);
                await().atMost(DEADLINE).until(() -> stream.data().stream().anyMatch(data -> data.contains(since.findingId())));
                assertThat(stream.data()).noneMatch(data -> data.contains(before.findingId()));
                assertThat(gauge("portwatch.alert.live.reading")).isEqualTo(1);
            }
            await().atMost(DEADLINE).until(() -> gauge("portwatch.alert.live.reading") == 0);
        }
        assertThat(registry.counter("portwatch.alert.live.read").count()).isGreaterThanOrEqualTo(readBefore + 1);
    }

    @Test
    void aRecordStampedAheadOfTimeReachesOnlyTheStreamsOpenWhenItIsRead() {
        awaitNoStreamAndReaderPaused();
        String host = "ahead-" + UUID.randomUUID().toString().substring(0, 8);
        FindingEvent ahead = forgedFinding(host + "-ahead");
        FindingEvent unseen = forgedFinding(host + "-unseen");
        FindingEvent later = forgedFinding(host + "-later");
        // One key, so one partition: a reader that went back to the record stamped ahead, or to where it paused without
        // passing over what was published meanwhile, would read those before the later one.
        try (TopicWriter writer = new TopicWriter(bootstrapServers)) {
            writer.send(Topics.ALERTS, host, EventJson.toBytes(ahead), cloudEvent(OutboxPublisher.SOURCE, OPENED),
                    Instant.now().plus(Duration.ofHours(1)));
            try (LiveStream first = LiveStream.open(liveUri)) {
                await().atMost(DEADLINE).until(() -> first.data().stream().anyMatch(data -> data.contains(ahead.findingId())));
            }
            await().atMost(DEADLINE).until(() -> gauge("portwatch.alert.live.reading") == 0);
            writer.send(Topics.ALERTS, host, EventJson.toBytes(unseen), cloudEvent(OutboxPublisher.SOURCE, OPENED),
                    Instant.now().minusSeconds(5));
            try (LiveStream second = LiveStream.open(liveUri)) {
                await().atMost(DEADLINE).until(() -> gauge("portwatch.alert.live.reading") == 1);
                writer.send(Topics.ALERTS, host, EventJson.toBytes(later), cloudEvent(OutboxPublisher.SOURCE, OPENED));
                await().atMost(DEADLINE).until(() -> second.data().stream().anyMatch(data -> data.contains(later.findingId())));
                assertThat(second.data()).noneMatch(data -> data.contains(ahead.findingId()) || data.contains(unseen.findingId()));
            }
        }
    }

    @Test
    void theReaderWaitsForARequestedStreamToBeSubscribedAndThenGivesItTheChangesStampedSinceTheRequest() {
        awaitNoStreamAndReaderPaused();
        FindingEvent change = forgedFinding("requested-" + UUID.randomUUID().toString().substring(0, 8));
        try (SubscribedLater stream = new SubscribedLater(live.subscribe().orElseThrow())) {
            try (TopicWriter writer = new TopicWriter(bootstrapServers)) {
                writer.send(Topics.ALERTS, change.findingId(), EventJson.toBytes(change), cloudEvent(OutboxPublisher.SOURCE, OPENED));
            }
            // The HTTP layer subscribes to a stream a moment after asking for it: a reader that started at the request
            // would pass on what it read in between to no one. Four of its polls go by while nobody is subscribed.
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> gauge("portwatch.alert.live.reading") == 0);
            awaitChange(stream.subscribe(), change);
        }
        awaitNoStreamAndReaderPaused();
    }

    @Test
    void streamsSubscribedInTheOtherOrderThanRequestedGetTheChangesStampedSinceTheFirstRequest() {
        awaitNoStreamAndReaderPaused();
        FindingEvent between = forgedFinding("between-" + UUID.randomUUID().toString().substring(0, 8));
        try (SubscribedLater first = new SubscribedLater(live.subscribe().orElseThrow())) {
            Instant stamped = Instant.now();
            try (TopicWriter writer = new TopicWriter(bootstrapServers)) {
                writer.send(Topics.ALERTS, between.findingId(), EventJson.toBytes(between), cloudEvent(OutboxPublisher.SOURCE, OPENED),
                        stamped);
            }
            // Requested after the change was stamped (the clock past it), subscribed before the first: the reader must
            // still start at the first request, or the first stream loses the change stamped between the two. (A paused
            // reader looks for streams every half second; should it look between the two subscriptions, tens of
            // microseconds apart, it starts at the second request, as documented, and this test fails.)
            await().atMost(DEADLINE).until(() -> Instant.now().toEpochMilli() > stamped.toEpochMilli());
            try (SubscribedLater second = new SubscribedLater(live.subscribe().orElseThrow())) {
                second.subscribe();
                awaitChange(first.subscribe(), between);
            }
        }
        awaitNoStreamAndReaderPaused();
    }

    @Test
    void aChangeThatComesWhileTheSubscriberRequestsNoneIsDroppedForItAndCounted() {
        awaitNoStreamAndReaderPaused();
        double droppedBefore = registry.counter("portwatch.alert.live.dropped").count();
        String host = "unrequested-" + UUID.randomUUID().toString().substring(0, 8);
        FindingEvent lost = forgedFinding(host + "-lost");
        FindingEvent taken = forgedFinding(host + "-taken");
        AssertSubscriber<LiveChange> stream = live.subscribe().orElseThrow().subscribe().withSubscriber(AssertSubscriber.create(0));
        try (TopicWriter writer = new TopicWriter(bootstrapServers)) {
            await().atMost(DEADLINE).until(() -> gauge("portwatch.alert.live.reading") == 1);
            writer.send(Topics.ALERTS, host, EventJson.toBytes(lost), cloudEvent(OutboxPublisher.SOURCE, OPENED));
            await().atMost(DEADLINE).until(() -> registry.counter("portwatch.alert.live.dropped").count() >= droppedBefore + 1);
            // One key, so one partition: had the first been held back for the subscriber, its request would get it.
            stream.request(1);
            writer.send(Topics.ALERTS, host, EventJson.toBytes(taken), cloudEvent(OutboxPublisher.SOURCE, OPENED));
            awaitChange(stream, taken);
            assertThat(stream.getItems()).noneMatch(item -> item.finding().findingId().equals(lost.findingId()));
        } finally {
            stream.cancel();
        }
    }

    /**
     * A stream requested at once and subscribed later; closed, it is subscribed if it was not (so that it ends and frees
     * its place), then cancelled.
     */
    private static final class SubscribedLater implements AutoCloseable {
        private final Multi<LiveChange> requested;
        private final AssertSubscriber<LiveChange> subscriber = AssertSubscriber.create(Long.MAX_VALUE);
        private boolean subscribed;

        SubscribedLater(Multi<LiveChange> requested) {
            this.requested = requested;
        }

        /** Subscribes, once; returns the subscriber. */
        AssertSubscriber<LiveChange> subscribe() {
            if (!subscribed) {
                subscribed = true;
                requested.subscribe().withSubscriber(subscriber);
            }
            return subscriber;
        }

        @Override
        public void close() {
            subscribe().cancel();
        }
    }

    /** Waits until no stream is requested and the reader is paused: where each test starts and ends. */
    private void awaitNoStreamAndReaderPaused() {
        await().atMost(DEADLINE).until(() -> gauge("portwatch.alert.live.streams") == 0 && gauge("portwatch.alert.live.reading") == 0);
    }

    /** Waits until a stream got the change of this finding. */
    private static void awaitChange(AssertSubscriber<LiveChange> stream, FindingEvent change) {
        await().atMost(DEADLINE).until(() -> stream.getItems().stream().anyMatch(item -> item.finding().findingId().equals(change.findingId())));
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    @Test
    void refusesMoreStreamsThanConfiguredAndTakesNewOnesWhenOneCloses() {
        List<LiveStream> open = new ArrayList<>();
        try {
            LiveStream refused = null;
            for (int attempt = 0; attempt <= maxStreams && refused == null; attempt++) {
                LiveStream stream = LiveStream.open(liveUri);
                open.add(stream);
                if (stream.status() == 503) {
                    refused = stream;
                }
            }
            assertThat(refused).as("one of %d + 1 streams is refused", maxStreams).isNotNull();
            open.remove(refused);
            refused.close();
            open.remove(0).close();
            await().atMost(DEADLINE).until(() -> {
                LiveStream again = LiveStream.open(liveUri);
                open.add(again);
                return again.status() == 200;
            });
        } finally {
            open.forEach(LiveStream::close);
        }
    }

    private static FindingEvent forgedFinding(String id) {
        Instant now = Instant.now();
        return new FindingEvent(id, "amplification-reflector", Severity.CRITICAL, FindingState.OPEN,
                Fixtures.host(id), null, id, null, null, null, "forged", "forged", "none", List.of(), now, now, 1);
    }

    private static List<Header> cloudEvent(String source, String type) {
        RecordHeaders headers = new RecordHeaders();
        new CloudEvent(CloudEvent.SPEC_VERSION, UUID.randomUUID().toString(), source, type, Instant.now(), CloudEvent.JSON).writeTo(headers);
        return List.of(headers.toArray());
    }
}
