package io.portwatch.probe.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
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

    /** The largest request body the API reads (a scan request is a small JSON document). */
    @WithDefault("65536")
    int maxBodyBytes();

    /**
     * Whether reads of listeners (role viewer or operator) need a token; read by Quarkus' path policy in application.properties, here for its
     * default. {@code true} in every Kubernetes overlay.
     */
    @WithDefault("false")
    boolean readsRequireToken();

    /** Listener events that may wait for Kafka while it is away; the oldest are dropped beyond it (and counted). */
    @WithDefault("10000")
    int bufferSize();

    /**
     * The most listeners one event carries, as consumers accept (alert-service's default): a larger SNAPSHOT
     * carries the first this many in a stable order, with a warning and a metric.
     */
    @WithDefault("10000")
    int maxListenersPerEvent();

    /** Host mode: reading the host's sockets. */
    HostModeConfig hostMode();

    /** Network mode: scanning allowed scopes from the network. */
    NetworkModeConfig networkMode();

    /** Enrolment with alert-service, whose identity signs every record this probe writes. */
    EnrolmentConfig enrolment();

    /** The heartbeat this probe sends to say it is alive. */
    HeartbeatConfig heartbeat();

    /**
     * Enrolment (docs/fleet.md): an enrol secret exchanged once for a probe id and key, kept in the state file and
     * reused after a restart. The probe's mode is HOST when host mode is on, else NETWORK.
     */
    interface EnrolmentConfig {

        /**
         * alert-service's base URL, e.g. {@code http://127.0.0.1:8082}; absent: the probe does not enrol and writes
         * unsigned records (accepted only where alert-service does not require signed events).
         */
        Optional<URI> url();

        /** The file holding the enrol secret (a Kubernetes Secret mounted as a file). */
        @WithDefault(".portwatch/fleet/enrol-secret")
        Path secretFile();

        /**
         * The file the identity is kept in (probe id, key, node, mode, zone, scopes), written with mode 0600; defaults to
         * {@code .portwatch/probe/enrolment-<node>-<mode>-<zone>.json} (characters other than letters, digits, {@code .}
         * and {@code -} written as {@code _}), so that several probes started in one directory keep apart.
         */
        Optional<Path> stateFile();

        /** How long one enrolment request may take, answer included. */
        @WithDefault("10s")
        Duration timeout();

        /** The wait after the first failed attempt; it doubles after each further failure. */
        @WithDefault("1s")
        Duration firstRetry();

        /** The longest wait between two attempts, also the wait after a refusal (wrong secret, node already enrolled). */
        @WithDefault("1m")
        Duration maxRetry();
    }

    /** The heartbeat. */
    interface HeartbeatConfig {

        /** Time between two heartbeats on {@code portwatch.probe-heartbeats}. */
        @WithDefault("30s")
        Duration interval();
    }

    /** Identity of the observed host. */
    interface HostConfig {

        /** Stable host id, the key of the host's listener events; defaults to the host name. */
        Optional<String> id();

        /** Host name; defaults to the machine's. */
        Optional<String> name();

        /**
         * The host's addresses, carried on events; defaults to those of the node's network namespace's interfaces,
         * read at every scan (loopback and link-local left out).
         */
        Optional<List<String>> addresses();
    }

    /** Host mode settings. */
    interface HostModeConfig {

        /** Whether this probe reads its host's sockets. */
        @WithDefault("true")
        boolean enabled();

        /**
         * Where the listeners come from: {@code proc} (Linux's proc filesystem, every network namespace), {@code lsof}
         * (lsof's field output, the node's sockets only: macOS), {@code auto} (proc on Linux, lsof elsewhere).
         */
        @WithDefault("auto")
        Backend backend();

        /** The lsof backend. */
        LsofConfig lsof();

        /** The proc filesystem to read: {@code /proc}, or {@code /host/proc} with the node's /proc mounted in a DaemonSet. */
        @WithDefault("/proc")
        Path procRoot();

        /**
         * Whose network namespace to read, as a directory of the proc root: {@code self} for the probe's own,
         * {@code 1} for the node's (with hostPID).
         */
        @WithDefault("self")
        String netNamespaceOf();

        /**
         * Whether to read every network namespace of the node (containers, pods, {@code ip netns}), each
         * reported as a host of its own under the node's id, or only the one of {@code net-namespace-of}.
         */
        @WithDefault("true")
        boolean allNamespaces();

        /** Where {@code ip netns} keeps its named namespaces, to report their names. */
        @WithDefault("/run/netns")
        Path netnsNames();

        /**
         * How long entering a network namespace that no process is in (through its bind mount, with nsenter)
         * and reading its socket tables may take.
         */
        @WithDefault("2s")
        Duration enterTimeout();

        /** Container and pod names from the container runtime's files (read-only; off by default). */
        ContainerMetadataConfig containerMetadata();

        /** Time between two scans. */
        @WithDefault("5s")
        Duration interval();

        /**
         * Which processes hold which socket is kept between scans, and a scan walks the descriptors only of processes
         * that are new or changed; every this many scans it walks every process, as {@code ss -p} does. 1: every scan.
         */
        @WithDefault("12")
        int ownerFullWalkEvery();

        /** A full SNAPSHOT is sent at start and every this many scans; OPENED/CLOSED in between. */
        @WithDefault("12")
        int snapshotEvery();
    }

    /** Host mode's backends. */
    enum Backend {
        /** Linux's proc filesystem. */
        PROC,
        /** lsof's field output. */
        LSOF,
        /** proc on Linux, lsof on any other system (macOS). */
        AUTO
    }

    /** How the lsof backend runs lsof (and, off Linux, ps for executable paths). */
    interface LsofConfig {

        /** The lsof executable: a name looked up on the PATH, or a path ({@code /usr/sbin/lsof} on macOS). */
        @WithDefault("lsof")
        String command();

        /** The ps executable, for executable paths off Linux ({@code ps -o pid=,comm=}; on Linux they are read from /proc). */
        @WithDefault("ps")
        String psCommand();

        /** How long one lsof (or ps) run may take; a slower one fails the scan, which then publishes nothing. */
        @WithDefault("30s")
        Duration timeout();

        /** The most bytes of output read from one run (10,000 listeners are about 1.3 MB); more fails the scan. */
        @WithDefault("67108864")
        int maxOutputBytes();
    }

    /** Where container and pod names come from. */
    interface ContainerMetadataConfig {

        /** Whether to read the runtime's files for container names and pod namespace/name. */
        @WithDefault("false")
        boolean enabled();

        /**
         * The per-container files to read, {@code {id}} standing for the container id; the first that exists
         * is used: Docker's config.v2.json, and the OCI bundles of containerd (Kubernetes namespace k8s.io)
         * and CRI-O. With the node's filesystem mounted elsewhere in a DaemonSet, list the mounted paths.
         */
        @WithDefault("/var/lib/docker/containers/{id}/config.v2.json,"
                + "/run/containerd/io.containerd.runtime.v2.task/k8s.io/{id}/config.json,"
                + "/run/containers/storage/overlay-containers/{id}/userdata/config.json")
        List<String> files();
    }

    /** Network mode settings: what may be scanned, how gently, and an optional schedule. */
    interface NetworkModeConfig {

        /**
         * The scopes scans may target (CIDRs); a scan with a target outside them is refused and sends
         * nothing. Loopback only unless an operator widens it.
         */
        @WithDefault("127.0.0.0/8,::1/128")
        List<String> allowedScopes();

        /** New connections and datagrams per second, at most. */
        @WithDefault("500")
        int packetsPerSecond();

        /** Connections and probes in flight at once, at most. */
        @WithDefault("64")
        int maxInFlight();

        /** How long a TCP connect may take before the port counts as filtered. */
        @WithDefault("1s")
        Duration connectTimeout();

        /**
         * How long a protocol probe waits for the next bytes of an answer (UDP reply, HTTP response, banner)
         * before it takes the service to have finished.
         */
        @WithDefault("2s")
        Duration probeTimeout();

        /**
         * The most time the evidence of one open port may take in all (connects, TLS handshake, reads): a
         * service that trickles bytes (a tarpit) is cut off here and its evidence says {@code timedOut}.
         */
        @WithDefault("5s")
        Duration evidenceDeadline();

        /** The most bytes read from one answer of a scanned service. */
        @WithDefault("16384")
        int evidenceMaxBytes();

        /** The most time one scan may run; a scan still running then is stopped and its partial results are not applied. */
        @WithDefault("15m")
        Duration scanDeadline();

        /** Requested (ad-hoc) scans running at once; the scheduled scan runs in a lane of its own, beside them. */
        @WithDefault("2")
        int maxConcurrentScans();

        /** Requested scans that may wait for a free slot; beyond them a request is answered 429. */
        @WithDefault("16")
        int maxQueuedScans();

        /** What a 429 (scan queue full) tells the client to wait before it asks again (Retry-After). */
        @WithDefault("30s")
        Duration busyRetryAfter();

        /** The most target addresses × ports × transports one scan may have. */
        @WithDefault("1000000")
        int maxProbes();

        /** Ports that get the ARMS status query (Apple Remote Desktop, amplification). */
        @WithDefault("3283")
        List<Integer> armsPorts();

        /** Ports that get a plain-HTTP GET of / (admin pages). */
        @WithDefault("311")
        List<Integer> httpPorts();

        /**
         * Ports that get a TLS handshake (any certificate accepted; its subject and expiry recorded), so an
         * HTTPS-only admin page is not taken for plain text; defaults to the HTTP ports.
         */
        @WithDefault("${portwatch.probe.network-mode.http-ports:311}")
        List<Integer> tlsPorts();

        /** A scan to run on a schedule; none unless targets are set. */
        ScheduleConfig schedule();
    }

    /** The scheduled scan. */
    interface ScheduleConfig {

        /** CIDRs or addresses to scan; the schedule is off when empty. */
        Optional<List<String>> targets();

        /** Ports, e.g. {@code 1-1024,3031,3283}. */
        @WithDefault("1-1024,3031,3283")
        String ports();

        /** Transports to scan. */
        @WithDefault("tcp,udp")
        List<String> transports();

        /** Time between two scheduled scans. */
        @WithDefault("5m")
        String every();
    }
}
