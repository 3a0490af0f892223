package io.portwatch.alert.memo;

import io.portwatch.alert.memo.SnapshotFingerprint.Content;
import io.portwatch.alert.memo.SnapshotFingerprint.Layout;
import io.portwatch.alert.memo.SnapshotFingerprint.Scanned;
import io.portwatch.events.contract.ContractLimits;
import io.portwatch.events.json.IsoInstants;
import org.apache.kafka.common.utils.Utils;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The fingerprints of the SNAPSHOTs one consumer polls, each the one {@link SnapshotFingerprint#scan} reads, read
 * without tokenising a repeat. A SNAPSHOT whose bytes, but for its {@code eventId} and {@code observedAt} values,
 * digest to the content of one scanned before, with those values where they were in that one, is that one but
 * for the two values: its host and content are that one's, and only the two values are read. Where they are is
 * taken from the last SNAPSHOT scanned (one probe version lays every SNAPSHOT out alike), and each must be a plain
 * string: printable ASCII without a quote or a backslash, so that it cannot end early or hide structure. Anything
 * else is scanned.
 * <p>
 * The last content scanned of each of the last {@value #REMEMBERED} hosts scanned is remembered (first in, first out),
 * with its host id: about 160 bytes and the id's, so 15 MB for ids of 30 ASCII characters and at most 47 MB (30 MB
 * for ids in Latin-1; a SNAPSHOT whose host id is longer than the contract's 255 characters is not remembered); each
 * also holds a handle and through it at most one host memo the memo no longer holds, cleared (about 40 bytes more,
 * 2.6 MB in all). A host's earlier content is forgotten when a new one is remembered: only its last can be a repeat the memo
 * skips ({@link JudgedSnapshots}), and the earlier ones of a fleet's changing hosts, remembered too, made most of the
 * table that every repeat is looked up in (bench/RESULTS.md, alert-fingerprints-by-host-28). A host back at an earlier
 * content (a listener opened, then closed) is scanned again, once, before it is decoded as it would have been anyway.
 * Past that many hosts per instance, or when a producer floods it with host ids, repeats are scanned as they would be
 * without it; a flood of one host's contents replaces only that host's. The order is that of the last scan, not of
 * the last repeat: past that many hosts, a host that only repeats goes first. Not thread-safe: one per consumer, on
 * its polling thread.
 */
public final class SnapshotFingerprints {

    /** How many hosts' last scanned contents are remembered. */
    static final int REMEMBERED = 65_536;

    /** What a scan read of a content: its host, where the left-out values were, and the handle its repeats share. */
    private record Known(String hostId, Layout layout, SnapshotFingerprint.Handle handle) {
    }

    private final MessageDigest sha256;
    /** The remembered contents: each the last scanned of its host, which {@link #byHost} holds. */
    private final Map<Content, Known> known = new HashMap<>();
    /** The remembered hosts' last contents, in the order they were scanned; the eldest goes first, with its content. */
    private final Map<String, Content> byHost = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Content> eldest) {
            if (size() <= REMEMBERED) {
                return false;
            }
            known.remove(eldest.getValue());
            return true;
        }
    };
    private Layout last;

    public SnapshotFingerprints() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * As {@link SnapshotFingerprint#scan} reads it: empty for anything but a SNAPSHOT read with certainty.
     *
     * @param json the value between the buffer's position and limit (read in place when the buffer has an array;
     *             the buffer is left as it was); null for none
     */
    public Optional<SnapshotFingerprint> read(ByteBuffer json) {
        if (json == null) {
            return Optional.empty();
        }
        ByteBuffer value = json.hasArray() ? json : ByteBuffer.wrap(Utils.toArray(json));
        byte[] bytes = value.array();
        int from = value.arrayOffset() + value.position();
        int to = from + value.remaining();
        if (last != null) {
            SnapshotFingerprint repeat = repeat(bytes, from, to, last);
            if (repeat != null) {
                return Optional.of(repeat);
            }
        }
        Optional<Scanned> scanned = SnapshotFingerprint.scan(bytes, from, to, sha256);
        scanned.filter(read -> read.layout() != null && read.fingerprint().hostId().length() <= ContractLimits.NAME)
                .ifPresent(this::remember);
        return scanned.map(Scanned::fingerprint);
    }

    /**
     * Remembers a scanned content as its host's last, in place of the host's earlier one, and its layout as the last
     * (the one instance while the layout stays: one probe version lays every SNAPSHOT out alike).
     */
    private void remember(Scanned scanned) {
        SnapshotFingerprint fingerprint = scanned.fingerprint();
        last = scanned.layout().equals(last) ? last : scanned.layout();
        // Removed, then put: a host whose content changed becomes the youngest.
        Content earlier = byHost.remove(fingerprint.hostId());
        if (earlier != null) {
            known.remove(earlier);
        }
        byHost.put(fingerprint.hostId(), fingerprint.content());
        known.put(fingerprint.content(), new Known(fingerprint.hostId(), last, fingerprint.handle()));
    }

    /**
     * The fingerprint of a SNAPSHOT in {@code json[from, to)} whose bytes outside two plain string values laid out as
     * {@code layout} says are a content scanned with that layout; null otherwise. Equal digests and equal offsets mean
     * equal bytes before, between and after the two values; plain values keep them two string tokens, so it tokenises
     * as the scanned one.
     */
    private SnapshotFingerprint repeat(byte[] json, int from, int to, Layout layout) {
        int firstAt = from + layout.firstAt();
        int firstEnd = plainStringEnd(json, firstAt, to);
        int secondAt = firstEnd + layout.between();
        int secondEnd = firstEnd < 0 ? -1 : plainStringEnd(json, secondAt, to);
        if (secondEnd < 0) {
            return null;
        }
        sha256.reset();
        sha256.update(json, from, firstAt - from);
        sha256.update(json, firstEnd, secondAt - firstEnd);
        sha256.update(json, secondEnd, to - secondEnd);
        Content content = Content.of(sha256.digest());
        Known scanned = known.get(content);
        if (scanned == null || !scanned.layout().equals(layout)) {
            return null;
        }
        String first = value(json, firstAt, firstEnd);
        String second = value(json, secondAt, secondEnd);
        String eventId = layout.eventIdFirst() ? first : second;
        if (!SnapshotFingerprint.withinContract(eventId)) {
            return null;
        }
        try {
            Instant observedAt = IsoInstants.parse(layout.eventIdFirst() ? second : first);
            return new SnapshotFingerprint(scanned.hostId(), observedAt, content, scanned.handle());
        } catch (DateTimeParseException e) {
            return null;
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

    private static String value(byte[] json, int at, int end) {
        return new String(json, at + 1, end - at - 2, StandardCharsets.US_ASCII);
    }
}
