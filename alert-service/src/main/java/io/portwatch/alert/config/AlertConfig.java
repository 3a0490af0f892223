package io.portwatch.alert.config;

import io.portwatch.events.finding.Severity;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** alert-service's configuration, {@code portwatch.alert.*}. */
@ConfigMapping(prefix = "portwatch.alert")
public interface AlertConfig {

    /**
     * Alert routes: each finding change that matches a route also goes to {@code portwatch.alerts.<route>}
     * (the topic must exist). Every condition given must hold; a route with none takes everything.
     */
    Map<String, Route> routes();

    /**
     * How stale a finding's {@code lastSeen} may get before an observation that changes nothing else
     * rewrites it: probes re-report every listener every snapshot, and rewriting every finding each
     * time would cost a row update per listener per snapshot.
     */
    @WithDefault("30s")
    Duration lastSeenResolution();

    /**
     * Whether correlation remembers what each host's last reconciliation stored, so that an event changing nothing
     * skips the database (alert-service/DESIGN.md); false sends every event to the database, to rule the memo out.
     */
    @WithDefault("true")
    boolean noChangeMemo();

    /** The largest request body the API reads (actions and suppression policies are small JSON documents). */
    @WithDefault("65536")
    int maxBodyBytes();

    /**
     * Whether reads of findings, suppressions, assets and probes (role viewer, analyst or fleet-admin) need a token; read by Quarkus' path policy in application.properties, here for its
     * default. {@code true} in every Kubernetes overlay.
     */
    @WithDefault("false")
    boolean readsRequireToken();

    /** The largest page the findings API returns. */
    @WithDefault("100")
    int maxPageSize();

    /**
     * The furthest row the page-numbered findings list reaches ({@code page * size}); beyond it the list answers 400 and
     * points to the cursor of {@code /api/v1/findings/search}, which never skips rows with OFFSET.
     */
    @WithDefault("10000")
    int maxListOffset();

    /** How often the findings gauge ({@code portwatch_alert_findings}) is counted in the database, by one grouped query. */
    @WithDefault("15s")
    Duration findingsGaugeInterval();

    /** The transactional outbox of finding changes ({@code portwatch.alert.outbox.*}). */
    Outbox outbox();

    /** The transactional outbox ({@code portwatch.alert.outbox.*}). */
    interface Outbox {

        /**
         * How long a published record may wait for the broker's acknowledgement before its send fails (Kafka's
         * {@code delivery.timeout.ms}). A row twice as old (plus 5 s of metadata wait) is no longer in a live send:
         * the sweeper, which runs this often, sends it (what a crashed instance or a broker outage left behind).
         */
        @WithDefault("30s")
        Duration deliveryTimeout();
    }

    /** The operator console ({@code portwatch.alert.console.*}, docs/console.md). */
    Console console();

    /** The operator console served under {@code /console} ({@code portwatch.alert.console.*}). */
    interface Console {

        /** The most findings one export (CSV or JSON) holds; the export says when it was cut. */
        @WithDefault("10000")
        int maxExportRows();

        /**
         * The registry-service base URL the console's port-knowledge page calls from the browser; also allowed in the
         * console's Content-Security-Policy (connect-src), and the registry must allow the console's origin (CORS).
         */
        @WithDefault("http://127.0.0.1:8081")
        String registryUrl();

        /** The most live streams ({@code GET /api/v1/findings/live}) open at once on one instance; more are refused with 503. */
        @WithDefault("200")
        int maxLiveStreams();

        /**
         * The most finding changes a slow live stream may fall behind before the newest are dropped (counted) for it;
         * they are asked for three quarters at a time, so dropping may start a quarter of it behind.
         */
        @WithDefault("256")
        int liveStreamBuffer();

        /**
         * Sign-in to the console through the OIDC provider of {@code quarkus.oidc.*} (authorization-code flow, a session
         * cookie on {@code /console} only); the API keeps taking bearer tokens alone (docs/console.md).
         */
        @WithDefault("false")
        boolean oidc();
    }

    /** What a record of a consumed topic must keep to be processed; anything else is dead-lettered as received. */
    Contract contract();

    /** The consumer of {@code portwatch.listeners}, over the {@code kafka.*} settings every Kafka client of the service gets. */
    Listeners listeners();

    /**
     * How long a host with no listeners stays in memory after its last event: a producer that names ever new
     * hosts must not fill the heap. An evicted host's active findings stay stored, and a knowledge change
     * judges it on them.
     */
    @WithDefault("1h")
    Duration hostIdleEviction();

    /**
     * Whether records without a probe's signature are refused (dead-lettered as {@code unsigned}). Signed records
     * are checked either way; true on Kubernetes and in the system tests.
     */
    @WithDefault("false")
    boolean requireSignedEvents();

    /** The trusted fleet: enrolment, signatures, liveness ({@code portwatch.alert.fleet.*}, docs/fleet.md). */
    Fleet fleet();

    /** The trusted fleet ({@code portwatch.alert.fleet.*}). */
    interface Fleet {

        /** The file holding the enrol secret probes exchange for an identity; enrolment answers 503 while it is missing. */
        @WithDefault(".portwatch/fleet/enrol-secret")
        Path enrolSecretFile();

        /** The file holding the fleet secret (at least 32 bytes) every probe key is derived from; alert-service only. */
        @WithDefault(".portwatch/fleet/secret")
        Path secretFile();

        /** The CIDRs a network-mode probe may enrol to scan; each scope it asks for must lie inside one. */
        @WithDefault("127.0.0.0/8,::1/128")
        List<String> networkScopes();

        /** How many of its own heartbeat intervals a probe may miss before it is SILENT. */
        @WithDefault("3")
        int missedHeartbeats();

        /** How often probes are checked for silence (also {@code every} of the scheduled check). */
        @WithDefault("5s")
        Duration silenceCheck();

        /** How often each instance reloads the enrolled probes from the database (enrolments and revocations of others). */
        @WithDefault("5s")
        Duration refresh();

        /** How long a heartbeat may have waited in the topic and still count. */
        @WithDefault("10m")
        Duration heartbeatMaxAge();
    }

    /** Sending to the dead-letter topics ({@code portwatch.alert.dead-letters.*}). */
    DeadLetters deadLetters();

    /** Sending to the dead-letter topics ({@code portwatch.alert.dead-letters.*}). */
    interface DeadLetters {

        /**
         * How many bytes of dead letters (keys, headers and values) may wait for Kafka's acknowledgement, all topics
         * together: a consumer refusing a flood waits for room. A dead letter larger than this takes all of it.
         */
        @WithDefault("16777216")
        int unacknowledgedBytes();

        /**
         * How long the knowledge and heartbeat consumers wait for room before they fail (Kafka acknowledges
         * nothing), and how long the listener consumer waits for a round of its batch's dead letters before
         * it looks again (it waits for room, and for Kafka, as long as it takes): longer than the producer's delivery
         * timeout (2 minutes), after which a dead letter not acknowledged is settled as failed.
         */
        @WithDefault("3m")
        Duration roomWait();
    }

    /** The event contract ({@code portwatch.alert.contract.*}). */
    interface Contract {

        /** The most listeners one listener event may carry. */
        @WithDefault("10000")
        int maxListeners();

        /** How far a record's timestamps may lie after its broker timestamp (clock skew between probe and broker). */
        @WithDefault("5m")
        Duration futureSkew();

        /** How far a listener event's {@code observedAt} may lie before its broker timestamp (a probe buffers events while Kafka is away). */
        @WithDefault("1d")
        Duration maxAge();

        /** The largest record value, in bytes after decompression. */
        @WithDefault("8388608")
        int maxRecordBytes();
    }

    /** What a route takes. */
    interface Route {

        /** Findings at least this severe. */
        Optional<Severity> minSeverity();

        /** Findings of these rules. */
        Optional<List<String>> rules();

        /** Findings on these ports. */
        Optional<List<Integer>> ports();

        /** Findings seen by probes of these zones. */
        Optional<List<String>> zones();
    }

    /** How {@code portwatch.listeners} is consumed ({@code listeners.ListenerPoller}). */
    interface Listeners {

        /** The consumer group: the instances of alert-service share the topic's partitions. */
        @WithDefault("alert-service")
        String groupId();

        /**
         * The most records one poll returns and one transaction takes (one findings query and one transaction per up
         * to this many events: 23.4k events/s against 17.5k with 2000; with 10,000 a warm fleet-mix transaction's
         * fixed cost is paid half as often as with 5000, and 20,000 made the collector's work grow more than that
         * saved: bench/RESULTS.md, alert-transaction-size-30).
         */
        @WithDefault("10000")
        int maxPollRecords();

        /**
         * The most bytes of records (keys and values as received, after decompression) one transaction takes and that
         * wait for it, past which polling pauses: a flood of large records then holds one transaction's batches, this
         * much waiting and the poll that reached it, not {@code max-poll-records} times the largest record waiting.
         * One poll larger than this is taken alone. 10,000 SNAPSHOTs of four listeners are about 7 MB.
         */
        @WithDefault("33554432")
        long maxBatchBytes();

        /** How long the group waits for a silent instance before giving its partitions to the others (Kafka's default when absent). */
        Optional<Duration> sessionTimeout();
    }
}
