package io.portwatch.events.knowledge;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A transport and port, the key of the knowledge topic: {@code tcp/3283}. The key of most of alert-service's maps
 * of a host's ports, so {@link #of} hands out one instance per key (equal keys then compare by identity, and stay in
 * the processor's caches, where the copies each decoded listener made did not: bench/RESULTS.md, alert-keys-23), and
 * the hash is the transport's ordinal and the port, without the identity hash an enum's own would read.
 *
 * @param transport the transport
 * @param port      0-65535
 */
public record PortKey(Transport transport, int port) {

    public PortKey {
        Objects.requireNonNull(transport, "transport");
        PortRange.requireValid(port);
    }

    /**
     * One slot per transport and port, each key made when it is first asked for: 4 x 65,536 references, made in every JVM
     * that loads this class (1 MiB with compressed references, 2 MiB without).
     */
    private static final AtomicReferenceArray<PortKey> CANONICAL =
            new AtomicReferenceArray<>(Transport.values().length * (PortRange.MAX_PORT + 1));

    /**
     * The one instance of a transport and port (equal to one made by the constructor).
     *
     * @throws NullPointerException     when {@code transport} is null
     * @throws IllegalArgumentException when {@code port} is outside 0-65535
     */
    public static PortKey of(Transport transport, int port) {
        int index = index(Objects.requireNonNull(transport, "transport"), PortRange.requireValid(port));
        PortKey key = CANONICAL.get(index);
        if (key == null) {
            CANONICAL.compareAndSet(index, null, new PortKey(transport, port));
            key = CANONICAL.get(index);
        }
        return key;
    }

    /** Parses the {@code transport/port} form of {@link #toString()}. */
    public static PortKey parse(String key) {
        int slash = key == null ? -1 : key.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("a port key reads transport/port, e.g. tcp/3283: " + key);
        }
        try {
            return of(Transport.parse(key.substring(0, slash)), Integer.parseInt(key.substring(slash + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a port key reads transport/port, e.g. tcp/3283: " + key, e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof PortKey key && port == key.port && transport == key.transport;
    }

    @Override
    public int hashCode() {
        return index(transport, port);
    }

    /** A distinct number for every transport and port: its slot in {@link #CANONICAL}, and its hash. */
    private static int index(Transport transport, int port) {
        return transport.ordinal() * (PortRange.MAX_PORT + 1) + port;
    }

    @Override
    public String toString() {
        return transport.wireName() + "/" + port;
    }
}
