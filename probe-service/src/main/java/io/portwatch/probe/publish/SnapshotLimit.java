package io.portwatch.probe.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.Listener;
import io.quarkus.logging.Log;

import java.util.Comparator;
import java.util.List;

/**
 * Keeps a SNAPSHOT within the number of listeners consumers accept ({@code portwatch.probe.max-listeners-per-event},
 * the consumers' default): a larger one would be dead-lettered whole, so the probe sends the first listeners in
 * a stable order (port, transport, address, inode) instead, warns, and counts the listeners left out.
 */
final class SnapshotLimit {

    private static final Comparator<Listener> STABLE = Comparator.comparingInt(Listener::port)
            .thenComparing(listener -> listener.transport().wireName())
            .thenComparing(Listener::address)
            .thenComparing(listener -> listener.inode() == null ? -1 : listener.inode());

    private final int max;
    private final Counter leftOut;

    SnapshotLimit(int max, MeterRegistry registry) {
        this.max = max;
        this.leftOut = Counter.builder("portwatch.probe.listener.snapshot.left.out")
                .description("Listeners left out of SNAPSHOTs that would have held more than the contract allows")
                .register(registry);
    }

    /** The host's listeners, or the first {@code max} of them in a stable order when there are more. */
    List<Listener> apply(HostInfo host, List<Listener> listeners) {
        if (listeners.size() <= max) {
            return listeners;
        }
        leftOut.increment(listeners.size() - max);
        Log.warnf("Host %s has %d listeners, more than the %d one event may carry: its SNAPSHOT carries the first %d by port",
                host.id(), listeners.size(), max, max);
        return listeners.stream().sorted(STABLE).limit(max).toList();
    }
}
