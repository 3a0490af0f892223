package io.portwatch.notifier.config;

import io.portwatch.events.finding.FindingState;
import io.portwatch.events.finding.Severity;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The notifier's settings: one section per output, each with its routing and delivery budget (docs/notifier.md). */
@ConfigMapping(prefix = "portwatch.notifier")
public interface NotifierConfig {

    /** Base URL of the findings API, for the links a message carries ({@code <base>/api/v1/findings/<id>}). */
    @WithDefault("http://127.0.0.1:8082")
    String findingsUrl();

    /** Largest finding record (bytes) the notifier decodes; a larger one is parked unread. */
    @WithDefault("1048576")
    int maxRecordBytes();

    /** Alertmanager API v2 output. */
    Alertmanager alertmanager();

    /** Webhook output: the finding change as a CloudEvent. */
    Webhook webhook();

    /** Webhook output with an OCSF Detection Finding (class 2004) body. */
    Webhook ocsf();

    /** Slack-compatible incoming-webhook output. */
    Slack slack();

    /** What every output has: where it sends, which changes it takes, and how hard it tries. */
    interface Output {

        /** Where to POST; the output is off when neither this nor {@code url-file} is set. */
        Optional<String> url();

        /** A file holding the URL, for URLs that are secrets (Slack); read at start, never logged. */
        Optional<Path> urlFile();

        /**
         * The topic the output's consumer group reads: {@code portwatch.alerts} (Slack: {@code portwatch.alerts.paging})
         * when unset, or a route topic; the channel's {@code mp.messaging} settings take it from here.
         */
        Optional<String> topic();

        /** Lowest severity delivered. */
        @WithDefault("INFO")
        Severity minSeverity();

        /** Rules delivered (all when unset). */
        Optional<Set<String>> rules();

        /** Zones delivered (all when unset). */
        Optional<Set<String>> zones();

        /** Finding states delivered. */
        @WithDefault("OPEN,ACKNOWLEDGED,SUPPRESSED,RESOLVED,STALE")
        Set<FindingState> states();

        /** Timeout of one HTTP request. */
        @WithDefault("10S")
        Duration timeout();

        /** Retries of a failed delivery before it is parked on portwatch.alerts.undeliverable. */
        @WithDefault("12")
        int maxRetries();

        /** Longest time spent retrying one delivery before it is parked. */
        @WithDefault("5M")
        Duration maxRetryDuration();

        /** First retry delay; doubles with each retry (exponential backoff). */
        @WithDefault("500MS")
        Duration retryDelay();

        /** Longest retry delay. */
        @WithDefault("30S")
        Duration maxRetryDelay();

        /** Random jitter added to or taken from each retry delay. */
        @WithDefault("250MS")
        Duration retryJitter();

        /** How long the circuit breaker stays open after it opened, before it lets a trial request through. */
        @WithDefault("5S")
        Duration circuitDelay();

        /** Requests the circuit breaker judges at a time (its rolling window). */
        @WithDefault("10")
        int circuitRequests();

        /** Share of failures in the window that opens the circuit breaker. */
        @WithDefault("0.5")
        double circuitFailureRatio();

        /** Most requests per second sent to this output (0: no limit). */
        @WithDefault("0")
        double rateLimit();

        /** Most finding changes per request, where the receiver takes a batch. */
        @WithDefault("1")
        int batchSize();
    }

    /** The Alertmanager output. */
    interface Alertmanager extends Output {

        /** How often firing alerts are sent again, well within Alertmanager's resolve_timeout (default 5m). */
        @WithDefault("60S")
        Duration resendInterval();

        /** Most firing alerts the notifier keeps to re-send; past this the oldest-changed are dropped from re-sending. */
        @WithDefault("100000")
        int maxFiring();

        /** Longest the start may take to read the topic to its end for the alerts still firing (then it goes on without). */
        @WithDefault("5M")
        Duration rebuildDeadline();
    }

    /** A webhook output. */
    interface Webhook extends Output {

        /** Extra request headers, e.g. an Authorization token; values from files with {@code header-files}. */
        Map<String, String> headers();

        /** Extra request headers whose values are read from files (secrets, Kubernetes Secret mounts). */
        Map<String, Path> headerFiles();

        /** A file holding the HMAC-SHA256 key that signs each request; no signature when unset. */
        Optional<Path> hmacKeyFile();
    }

    /** The Slack-compatible output. */
    interface Slack extends Output {
    }
}
