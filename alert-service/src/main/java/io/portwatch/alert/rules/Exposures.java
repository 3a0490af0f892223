package io.portwatch.alert.rules;

import io.portwatch.events.listener.Exposure;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.knowledge.PortKnowledge;

import java.util.Locale;

/** What the rules ask of a listener: can the network reach it, and is its owner one the knowledge expects. */
final class Exposures {

    private Exposures() {
    }

    /** Anything but loopback: bound to a network interface, or reached by a network probe. */
    static boolean fromNetwork(Listener listener) {
        return listener.exposure() != Exposure.LOOPBACK;
    }

    /** Whether the owning process is known and among the knowledge's expected processes (ignoring case). */
    static boolean ownedByExpectedProcess(Listener listener, PortKnowledge knowledge) {
        if (listener.process() == null || listener.process().name() == null) {
            return false;
        }
        String name = listener.process().name().toLowerCase(Locale.ROOT);
        return knowledge.expectedProcesses().stream().anyMatch(expected -> expected.toLowerCase(Locale.ROOT).equals(name));
    }

    /** "tcp/3031 on mac-01 (0.0.0.0, ALL_INTERFACES, process rapportd[412])": where, for titles and descriptions. */
    static String where(Listener listener) {
        String owner = listener.process() == null ? "owner unknown"
                : "process " + listener.process().name() + "[" + listener.process().pid() + "]";
        return listener.endpoint() + " (" + listener.exposure() + ", " + owner + ")";
    }
}
