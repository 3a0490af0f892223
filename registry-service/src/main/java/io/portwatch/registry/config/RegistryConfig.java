package io.portwatch.registry.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/** registry-service's configuration, {@code portwatch.registry.*}. */
@ConfigMapping(prefix = "portwatch.registry")
public interface RegistryConfig {

    /** Import the bundled IANA registry at start when the database has never had one. */
    @WithDefault("true")
    boolean importIanaOnStart();

    /** Queue every entry for the knowledge topic at each start (the topic is compacted, so this only costs time). */
    @WithDefault("false")
    boolean republishOnStart();

    /** How often to check that the knowledge topic is still the one everything was published to (republishing when not, e.g. a new cluster). */
    @WithDefault("30s")
    Duration topicCheckInterval();

    /**
     * Require a valid token (any role) for reads too; applied by the HTTP permission
     * {@code registry-reads} in application.properties.
     */
    @WithDefault("false")
    boolean readsRequireToken();

    /**
     * The origins of the operator console (alert-service's {@code /console}) that browsers may call this API from (CORS:
     * GET and PUT with Authorization, Content-Type, If-Match; ETag exposed); applied by {@code quarkus.http.cors.*} in
     * application.properties.
     */
    @WithDefault("http://127.0.0.1:8082,http://localhost:8082")
    List<String> consoleOrigins();

    /** The largest page a search may ask for. */
    @WithDefault("100")
    int maxPageSize();

    /** The largest JSON body a write accepts, in bytes. */
    @WithDefault("65536")
    int maxJsonBodyBytes();

    /** The largest IANA CSV an import accepts, in bytes. */
    @WithDefault("8388608")
    int maxCsvBodyBytes();

    /** Limits of an IANA import beyond the body size (its texts and lists keep the curated layer's, {@code ContractLimits}). */
    Iana iana();

    /** How much one IANA file may ask of an import. */
    interface Iana {

        /** The most CSV records one file may hold (IANA's file of 2025 has 14,447). */
        @WithDefault("100000")
        int maxRows();

        /** The most ports one row's range may expand to (IANA's widest assigned range, 4200-4299, has 100). */
        @WithDefault("1000")
        int maxPortsPerRow();

        /**
         * The most transport/ports all rows of a file may expand to together, which bounds an import's work (IANA's
         * file expands to 13,115; the other two limits alone allow 200 million, about 45 s of one core).
         */
        @WithDefault("1000000")
        int maxExpandedPorts();
    }

    /** The knowledge topic's outbox. */
    Outbox outbox();

    /** How the outbox is relayed to Kafka. */
    interface Outbox {

        /** Time between two relay rounds (a change also wakes the relay at once). */
        @WithDefault("1s")
        Duration interval();

        /** Records sent per round trip to the database. */
        @WithDefault("1000")
        int batchSize();

        /** How long to wait for the broker to acknowledge a batch. */
        @WithDefault("30s")
        Duration sendTimeout();

        /**
         * The most records read back from the end of each knowledge topic partition to find the last one the relay
         * sent, past records it did not send (hostile or malformed ones).
         */
        @WithDefault("50")
        int readBackRecords();

        /** How far a knowledge record's updatedAt may lie after its broker timestamp for the relay to take it for its own. */
        @WithDefault("5m")
        Duration clockSkew();
    }

    /** How a replica notices changes made by another. */
    @WithDefault("5s")
    Duration refreshInterval();
}
