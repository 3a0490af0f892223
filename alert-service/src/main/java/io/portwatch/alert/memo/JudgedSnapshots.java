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
 * host's listeners must pass through {@link #applied}, which keeps this true. One OPENED or CLOSED after that
 * SNAPSHOT, of a listener alone on its port, is kept with it ({@link Toggle}): the SNAPSHOT its probe writes next, that
 * one with the listener put in or taken out ({@link SnapshotFingerprint.OneApart}), is judged from the two without
 * being decoded ({@link #apart}).
 */
class JudgedSnapshots {

    /**
     * Which content a SNAPSHOT was (its fingerprint's handle: one per content scanned, shared by its repeats), the
     * generation it was judged in, and what a repeat of it gets.
     */
    record Judged(SnapshotFingerprint.Handle handle, long generation, Repeat repeat, boolean exact, Toggle toggle) {

        /**
         * This SNAPSHOT with an OPENED or CLOSED (judged so) applied after it; null unless it is the first since, of one
         * listener, and its host's listeners are then the SNAPSHOT's, element for element, but for that one: a whole
         * SNAPSHOT whose every element its host holds ({@code exact}: no two share a socket), an OPENED on a port it has
         * no listener on, a CLOSED of a port it has, that left nothing there, and the host and probe as they were
         * ({@code exactToggle}: the caller knows the last two).
         */
        Judged toggled(ListenerEvent event, Map<PortKey, List<Judgement>> judged, long now, boolean exactToggle) {
            if (toggle != null || generation != now || !exact || !exactToggle || repeat.replaces().scope() != null
                    || event.listeners().size() != 1) {
                return null;
            }
            Listener listener = event.listeners().get(0);
            boolean opened = event.type() == ListenerEventType.OPENED;
            if (opened == repeat.judged().containsKey(listener.portKey())) {
                return null;
            }
            return new Judged(handle, generation, repeat, true, new Toggle(opened, listener, judged.get(listener.portKey())));
        }
    }

    /**
     * An OPENED or CLOSED applied after a host's last SNAPSHOT: its listener, and its port's judgements after it.
     *
     * @param opened whether it opened the listener (else closed it)
     */
    record Toggle(boolean opened, Listener listener, List<Judgement> judged) {
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
        // Not once an OPENED or CLOSED followed it: the host no longer stands as that SNAPSHOT said.
        return judged != null && judged.toggle() == null && judged.generation() == generation && judged.handle() == fingerprint.handle()
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
            long generation, boolean exact) {
        boolean remembered = event.type() == ListenerEventType.SNAPSHOT && fingerprint.isPresent();
        // One lookup: the host's memo is opened only to remember the SNAPSHOT.
        HostMemo host = remembered ? hosts.open(fingerprint.get().hostId()) : hosts.of(event.host().id());
        if (host == null) {
            return;
        }
        Judged before = host.judged;
        host.judged = null;
        if (!remembered) {
            if (before != null && event.type() != ListenerEventType.SNAPSHOT) {
                host.judged = before.toggled(event, judged, generation, exact);
            }
            return;
        }
        Map<PortKey, List<Judgement>> own = new HashMap<>();
        for (Listener listener : event.listeners()) {
            own.put(listener.portKey(), judged.get(listener.portKey()));
        }
        // Never changed once remembered: SettledHosts recognises a repeat's judgements by identity. When the event
        // judged only its own ports (it left none of the host's out), they are the very map it was found unchanged with.
        Map<PortKey, List<Judgement>> repeated = own.size() == judged.size() ? judged : Map.copyOf(own);
        adopt(host, fingerprint.get().handle(), generation, new Repeat(repeated, Replaces.of(event)), exact);
    }

    /**
     * What a SNAPSHOT one listener apart from its host's last ({@code fingerprint.apart()}) gets, when that listener
     * is the one its host's OPENED or CLOSED since put in or took out ({@link Judged#toggled}), nothing changed since,
     * and the element is that listener, exactly ({@link SnapshotFingerprint.OneApart#listener}): the last SNAPSHOT's
     * judgements with that port's as the OPENED left them, or without the port the CLOSED emptied. Null otherwise.
     *
     * @param host the host the base content's handle leads to
     */
    static Repeat apart(HostMemo host, SnapshotFingerprint fingerprint, long generation) {
        Judged judged = host.judged;
        SnapshotFingerprint.OneApart apart = fingerprint.apart();
        Toggle toggle = judged == null ? null : judged.toggle();
        if (toggle == null || judged.generation() != generation || judged.handle() != apart.base()
                || toggle.opened() != apart.opened() || !apart.listener().filter(toggle.listener()::equals).isPresent()) {
            return null;
        }
        Map<PortKey, List<Judgement>> after = new HashMap<>(judged.repeat().judged());
        if (toggle.opened()) {
            after.put(toggle.listener().portKey(), toggle.judged());
        } else {
            after.remove(toggle.listener().portKey());
        }
        return new Repeat(Map.copyOf(after), judged.repeat().replaces());
    }

    /**
     * Remembers a SNAPSHOT as its host's last, with what a repeat of it gets ({@code repeat}: never changed after,
     * recognised by identity), and makes its handle lead to the host. {@code exact}: its host holds each of its
     * listeners, no two sharing a socket (a SNAPSHOT one listener apart from such a one, by its toggle, is so too).
     */
    static void adopt(HostMemo host, SnapshotFingerprint.Handle handle, long generation, Repeat repeat, boolean exact) {
        host.judged = new Judged(handle, generation, repeat, exact, null);
        handle.attach(host);
    }
}
