package io.portwatch.probe.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The probe's configuration, {@code portwatch.probe.*}. */
@ConfigMapping(prefix = "portwatch.probe")
public interface ProbeConfig {

    /** Unique id of this probe; defaults to {@code probe-<host name>}. */
    Optional<String> id();

    /** Network zone this probe sees from, carried on every event. */
    @WithDefault("default")
    String zone();

    /** The observed host. */
    HostConfig host();

    /** Host mode: reading the host's sockets. */
    HostModeConfig hostMode();

    /** Identity of the observed host. */
    interface HostConfig {

        /** Stable host id, the key of the host's listener events; defaults to the host name. */
        Optional<String> id();

        /** Host name; defaults to the machine's. */
        Optional<String> name();

        /** The host's addresses, carried on events; defaults to the machine's non-loopback addresses. */
        Optional<List<String>> addresses();
    }

    /** Host mode settings. */
    interface HostModeConfig {

        /** Whether this probe reads its host's sockets. */
        @WithDefault("true")
        boolean enabled();

        /** The proc filesystem to read: {@code /proc}, or {@code /host/proc} with the node's /proc mounted in a DaemonSet. */
        @WithDefault("/proc")
        Path procRoot();

        /**
         * Whose network namespace to read, as a directory of the proc root: {@code self} for the probe's own,
         * {@code 1} for the node's (with hostPID).
         */
        @WithDefault("self")
        String netNamespaceOf();

        /** Time between two scans. */
        @WithDefault("5s")
        Duration interval();

        /** A full SNAPSHOT is sent at start and every this many scans; OPENED/CLOSED in between. */
        @WithDefault("12")
        int snapshotEvery();
    }
}
