package io.portwatch.alert.memo;

import io.portwatch.alert.findings.Judgement;
import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.ListenerEvent;
import io.portwatch.events.listener.ListenerEventType;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The judgements of each host's listeners when they are exactly what its last SNAPSHOT said, by that
 * SNAPSHOT's fingerprint: a repeat of it (same content, later observedAt) would change no listener and be
 * judged the same, so it needs neither decoding nor judging. Valid while the {@link SettledHosts}
 * generation they were judged in lasts (knowledge changes start a new one). Every event applied to a
 * host's listeners must pass through {@link #applied}, which keeps this true.
 */
class JudgedSnapshots {

    /**
     * Which content a SNAPSHOT was (its fingerprint's handle: one per content scanned, shared by its repeats), the
     * generation it was judged in, and what a repeat of it gets.
     */
    record Judged(SnapshotFingerprint.Handle handle, long generation, Repeat repeat) {
    }

    /**
     * What a repeat of a host's last SNAPSHOT would bring: the judgements of its own ports, and what it replaces
     * (its scope is part of the content its fingerprint compares, so a scoped SNAPSHOT never repeats a whole one).
     */
    record Repeat(Map<PortKey, List<Judgement>> judged, Replaces replaces) {
    }

    private final HostMemos hosts;

    JudgedSnapshots(HostMemos hosts) {
        this.hosts = hosts;
    }

    /**
     * What a repeat of its host's last SNAPSHOT gets, if this is one and nothing changed since; null otherwise.
     *
     * @param host the host its fingerprint's handle leads to
     */
    static Repeat repeated(HostMemo host, SnapshotFingerprint fingerprint, long generation) {
        Judged judged = host.judged;
        return judged != null && judged.generation() == generation && judged.handle() == fingerprint.handle()
                ? judged.repeat()
                : null;
    }

    /**
     * After an event was applied to its host's listeners and judged ({@code judged}: every port it touched, never
     * changed after): a SNAPSHOT with a fingerprint is remembered with the judgements of its own ports, and its
     * handle leads to the host; anything else leaves the host with none remembered. On the judging thread, the one
     * that forgets hosts ({@link HostMemos}).
     */
    void applied(Optional<SnapshotFingerprint> fingerprint, ListenerEvent event, Map<PortKey, List<Judgement>> judged,
            long generation) {
        boolean remembered = event.type() == ListenerEventType.SNAPSHOT && fingerprint.isPresent();
        // One lookup: the host's memo is opened only to remember the SNAPSHOT.
        HostMemo host = remembered ? hosts.open(fingerprint.get().hostId()) : hosts.of(event.host().id());
        if (host != null) {
            host.judged = null;
        }
        if (!remembered) {
            return;
        }
        Map<PortKey, List<Judgement>> own = new HashMap<>();
        for (Listener listener : event.listeners()) {
            own.put(listener.portKey(), judged.get(listener.portKey()));
        }
        // Never changed once remembered: SettledHosts recognises a repeat's judgements by identity. When the event
        // judged only its own ports (it left none of the host's out), they are the very map it was found unchanged with.
        Map<PortKey, List<Judgement>> repeated = own.size() == judged.size() ? judged : Map.copyOf(own);
        host.judged = new Judged(fingerprint.get().handle(), generation, new Repeat(repeated, Replaces.of(event)));
        fingerprint.get().handle().attach(host);
    }
}
