package io.portwatch.alert.memo;

import io.portwatch.alert.memo.SnapshotFingerprint.Apart;
import io.portwatch.alert.memo.SnapshotFingerprint.Content;
import io.portwatch.alert.memo.SnapshotFingerprint.Layout;
import io.portwatch.alert.memo.SnapshotFingerprint.OneApart;
import io.portwatch.alert.memo.SnapshotFingerprint.Scanned;
import io.portwatch.events.contract.ContractLimits;
import io.portwatch.events.json.IsoInstants;
import org.apache.kafka.common.utils.Utils;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The fingerprints of the SNAPSHOTs one consumer polls, each the one {@link SnapshotFingerprint#scan} reads, read
 * without tokenising a repeat. A SNAPSHOT whose record key is a host whose last scanned content it remembers, and
 * whose bytes but for its {@code eventId} and {@code observedAt} values are that content's, byte for byte, with those
 * values where they were in it, is that one but for the two values: its host and content are that one's, and only
 * the two values are read. Each must be a plain string: printable ASCII without a quote or a backslash, so that it
 * cannot end early or hide structure. Anything else is scanned. Comparing the bytes costs a fraction of the SHA-256
 * digest of them that this once computed, and no producer can make two contents alike that are not (bench/RESULTS.md,
 * alert-fingerprint-bytes-29b). The key only says which content to compare with: a record keyed by another host than
 * its own is compared with that host's content, differs from it, and is scanned (and then refused by
 * {@code ListenerContractGate}, which holds the key to the host id); a scanned content is remembered only when its
 * record's key is its host id.
 * <p>
 * The last content scanned of each of the last {@value #REMEMBERED} hosts scanned is remembered (first in, first out),
 * within {@value #REMEMBERED_BYTES} bytes of contents. A content is its SNAPSHOT's bytes but the two values: about 700
 * bytes for four listeners, so 7 MB for 10,000 hosts; SNAPSHOTs of 6 kB, some twenty listeners with their owners, fill
 * the bytes at about 11,000 hosts. A content over {@value #LARGEST_REMEMBERED} bytes, or of a host id longer than the
 * contract's 255 characters, is not remembered. Outside those bytes each also holds its host id, its layout and a
 * handle, about 160 bytes and the id's (15 MB for ids of 30 ASCII characters, at most 47 MB for ids of 255 characters
 * beyond Latin-1), and through the handle at most one host memo the memo no longer holds, cleared. A host's earlier content is
 * forgotten when a new one is remembered: only its last can be a repeat the memo skips ({@link JudgedSnapshots})
 * (bench/RESULTS.md, alert-fingerprints-by-host-28). A host back at an earlier content (a listener opened, then
 * closed) is scanned again, once, before it is decoded as it would have been anyway, unless it is one listener apart
 * from the last ({@link SnapshotFingerprint.OneApart}): such a content is found by its bytes too, not scanned, and
 * remembered as the host's last in turn. Past that many hosts or bytes
 * per instance, or when a producer floods it with host ids, repeats are scanned as they would be without it; a flood
 * of one host's contents replaces only that host's. The order is that of the last scan, not of the last repeat: past
 * that many hosts, a host that only repeats goes first. Not thread-safe: one per consumer, on its polling thread.
 */
public final class SnapshotFingerprints {

    /** How many hosts' last scanned contents are remembered. */
    static final int REMEMBERED = 65_536;

    /** How many bytes of contents are remembered. */
    static final int REMEMBERED_BYTES = 64 << 20;

    /** The largest content remembered, in bytes: a 64th of them all. */
    static final int LARGEST_REMEMBERED = REMEMBERED_BYTES / 64;

    /** What a scan read of a host's last content: where its two values were, the content, and the handle its repeats share. */
    private record Known(String hostId, Layout layout, Content content, SnapshotFingerprint.Handle handle) {
    }

    /** Each remembered host's last content, in the order they were scanned; the eldest goes first. */
    private final Map<String, Known> byHost = new LinkedHashMap<>();
    /** The bytes of the contents {@link #byHost} holds. */
    private long rememberedBytes;
    /** The layout of the last content remembered: one instance for the contents laid out alike in a row. */
    private Layout last;

    /**
     * As {@link SnapshotFingerprint#scan} reads it: empty for anything but a SNAPSHOT read with certainty.
     *
     * @param key  the record's key (its host id, by the contract), null for none
     * @param json the value between the buffer's position and limit (read in place when the buffer has an array;
     *             the buffer is left as it was); null for none
     */
    public Optional<SnapshotFingerprint> read(String key, ByteBuffer json) {
        if (json == null) {
            return Optional.empty();
        }
        ByteBuffer value = json.hasArray() ? json : ByteBuffer.wrap(Utils.toArray(json));
        byte[] bytes = value.array();
        int from = value.arrayOffset() + value.position();
        int to = from + value.remaining();
        Known known = key == null ? null : byHost.get(key);
        SnapshotFingerprint repeat = known == null ? null : repeat(bytes, from, to, known);
        if (repeat == null && known != null && known.content().arrayKnown()) {
            repeat = oneApart(bytes, from, to, known);
        }
        if (repeat != null) {
            return Optional.of(repeat);
        }
        Optional<Scanned> scanned = SnapshotFingerprint.scan(bytes, from, to, LARGEST_REMEMBERED);
        // Only under its own host's key: a record keyed otherwise (which the gate refuses) replaces no host's content.
        scanned.filter(read -> read.content() != null && read.fingerprint().hostId().equals(key)
                && key.length() <= ContractLimits.NAME)
                .ifPresent(read -> remember(new Known(read.fingerprint().hostId(), read.layout(), read.content(), read.fingerprint().handle())));
        return scanned.map(Scanned::fingerprint);
    }

    /**
     * Remembers a content as its host's last, in place of the host's earlier one, with its layout (the one
     * instance while the layout stays: one probe version lays its SNAPSHOTs out alike); the eldest hosts go while there
     * are too many, or too many bytes.
     */
    private void remember(Known known) {
        last = known.layout().equals(last) ? last : known.layout();
        // Removed, then put: a host whose content changed becomes the youngest.
        Known earlier = byHost.remove(known.hostId());
        if (earlier != null) {
            rememberedBytes -= earlier.content().size();
        }
        byHost.put(known.hostId(), new Known(known.hostId(), last, known.content(), known.handle()));
        rememberedBytes += known.content().size();
        Iterator<Known> eldest = byHost.values().iterator();
        while (byHost.size() > REMEMBERED || rememberedBytes > REMEMBERED_BYTES) {
            rememberedBytes -= eldest.next().content().size();
            eldest.remove();
        }
    }

    /**
     * The fingerprint of a SNAPSHOT in {@code json[from, to)} that repeats a remembered content; null otherwise. It does
     * when its two values, found where they were in that content, are plain strings and its bytes before, between and
     * after them are that content's. Plain values keep them two string tokens, so it tokenises as the scanned one.
     */
    private static SnapshotFingerprint repeat(byte[] json, int from, int to, Known known) {
        Values values = Values.of(json, from, to, known.layout());
        if (values == null || !known.content().matches(json, from, values.firstAt(), values.firstEnd(), values.secondAt(),
                values.secondEnd(), to)) {
            return null;
        }
        Instant observedAt = values.observedAt(json);
        return observedAt == null ? null : new SnapshotFingerprint(known.hostId(), observedAt, known.handle());
    }

    /**
     * The fingerprint of a SNAPSHOT in {@code json[from, to)} whose content is a remembered one with one listener put
     * in or taken out ({@link Content#oneApart}), its two values plain strings where they were in it; null otherwise.
     * Its content is remembered as its host's last, with a handle of its own, so that its own repeats are found.
     */
    private SnapshotFingerprint oneApart(byte[] json, int from, int to, Known known) {
        Values values = Values.of(json, from, to, known.layout());
        Apart apart = values == null ? null : known.content().oneApart(json, from, values.firstAt(), values.firstEnd(),
                values.secondAt(), values.secondEnd(), to);
        Instant observedAt = apart == null || apart.content().size() > LARGEST_REMEMBERED ? null : values.observedAt(json);
        if (observedAt == null) {
            return null;
        }
        SnapshotFingerprint.Handle handle = new SnapshotFingerprint.Handle();
        remember(new Known(known.hostId(), known.layout(), apart.content(), handle));
        return new SnapshotFingerprint(known.hostId(), observedAt, handle,
                new OneApart(known.handle(), apart.opened(), apart.element(), apart.listeners()));
    }

    /**
     * Where a SNAPSHOT's two values are, found where a remembered layout puts them: both plain strings
     * ({@link #plainStringEnd}), offsets into the record's bytes.
     */
    private record Values(int firstAt, int firstEnd, int secondAt, int secondEnd, boolean eventIdFirst) {

        /** Its two values where {@code layout} puts them; null unless both are plain strings there. */
        static Values of(byte[] json, int from, int to, Layout layout) {
            int firstAt = from + layout.firstAt();
            int firstEnd = plainStringEnd(json, firstAt, to);
            int secondAt = firstEnd + layout.between();
            int secondEnd = firstEnd < 0 ? -1 : plainStringEnd(json, secondAt, to);
            return secondEnd < 0 ? null : new Values(firstAt, firstEnd, secondAt, secondEnd, layout.eventIdFirst());
        }

        /** Its {@code observedAt}; null when its {@code eventId} is blank or it is not an ISO-8601 instant. */
        Instant observedAt(byte[] json) {
            if (blank(json, eventIdFirst ? firstAt : secondAt, eventIdFirst ? firstEnd : secondEnd)) {
                return null;
            }
            try {
                return IsoInstants.parse(eventIdFirst ? value(json, secondAt, secondEnd) : value(json, firstAt, firstEnd));
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }

    /**
     * Where a plain string starting at {@code at} ends (after its closing quote), before {@code to}: -1 unless
     * {@code at} is a quote followed by at most {@link ContractLimits#NAME} printable ASCII characters
     * other than a quote or a backslash, and a closing quote.
     */
    private static int plainStringEnd(byte[] json, int at, int to) {
        if (at < 0 || at >= to || json[at] != '"') {
            return -1;
        }
        int limit = Math.min(to, at + 2 + ContractLimits.NAME);
        for (int index = at + 1; index < limit; index++) {
            byte character = json[index];
            if (character == '"') {
                return index + 1;
            }
            if (character < 0x20 || character > 0x7e || character == '\\') {
                return -1;
            }
        }
        return -1;
    }

    /**
     * Whether the plain string {@code json[at, end)} (quotes included) holds only spaces, or nothing: the one way a
     * plain string breaks the contract of an {@code eventId} ({@link SnapshotFingerprint#withinContract}). Its length
     * and its characters keep it by {@link #plainStringEnd} (printable ASCII, whose only blank is the space), so the
     * value is neither copied into a string nor looked over again for control characters on every repeat.
     */
    private static boolean blank(byte[] json, int at, int end) {
        for (int index = at + 1; index < end - 1; index++) {
            if (json[index] != ' ') {
                return false;
            }
        }
        return true;
    }

    private static String value(byte[] json, int at, int end) {
        return new String(json, at + 1, end - at - 2, StandardCharsets.US_ASCII);
    }
}
