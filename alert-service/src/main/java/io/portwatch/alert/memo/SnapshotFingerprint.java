package io.portwatch.alert.memo;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.portwatch.events.contract.ContractLimits;
import io.portwatch.events.contract.ControlCharacters;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.json.IsoInstants;
import io.portwatch.events.listener.ListenerEventType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * What a SNAPSHOT's JSON says without decoding it: its host, when it was observed, and a SHA-256 digest
 * (first 128 bits) of every byte but the values of {@code eventId} and {@code observedAt}. Two SNAPSHOTs
 * with the same content digest decode to the same type, probe, host and listeners: a probe's periodic
 * SNAPSHOT of a steady host is recognised by a scan of its bytes, far cheaper than binding them, and most
 * repeats without even that ({@link SnapshotFingerprints}).
 *
 * @param hostId     {@code host.id}
 * @param observedAt {@code observedAt}
 * @param content    the digest of the rest
 * @param handle     where the memo finds the host of this content: the same for a content's repeats
 */
public record SnapshotFingerprint(String hostId, Instant observedAt, Content content, Handle handle) {

    /**
     * Where the memo finds the host whose SNAPSHOT a scanned content is, once one was judged: one per scanned
     * content, shared by its repeats ({@link SnapshotFingerprints}), so that a repeat reaches its host's
     * {@link HostMemo} without looking the host up. Set and read by the consumer's judging thread.
     */
    public static final class Handle {
        private volatile HostMemo host;

        HostMemo host() {
            return host;
        }

        void attach(HostMemo host) {
            this.host = host;
        }
    }

    /**
     * 128 bits of SHA-256 over a SNAPSHOT's bytes without its eventId and observedAt values. Comparable, so that a
     * hash map keyed by contents whose hash codes a producer made collide still finds one in O(log n).
     */
    public record Content(long high, long low) implements Comparable<Content> {

        @Override
        public int compareTo(Content other) {
            int byHigh = Long.compare(high, other.high);
            return byHigh != 0 ? byHigh : Long.compare(low, other.low);
        }

        /** The first 128 bits of a SHA-256 digest. */
        static Content of(byte[] sha256) {
            ByteBuffer digest = ByteBuffer.wrap(sha256);
            return new Content(digest.getLong(), digest.getLong());
        }
    }

    /**
     * Where a SNAPSHOT's two values left out of its digest are, as byte offsets: the opening quote of the first,
     * and how many bytes lie between the first's closing quote and the second's opening one.
     *
     * @param eventIdFirst whether the first is {@code eventId} (else {@code observedAt})
     */
    record Layout(int firstAt, int between, boolean eventIdFirst) {
    }

    /** A fingerprint read by a scan, and where its two left-out values were (null without an eventId: not remembered). */
    record Scanned(SnapshotFingerprint fingerprint, Layout layout) {
    }

    private static final String SNAPSHOT = ListenerEventType.SNAPSHOT.name();

    /**
     * Reads the fingerprint of a SNAPSHOT's JSON, and where its two left-out values are (offsets from {@code from}),
     * by one pass of the decoder's tokeniser over {@code json[from, to)}, with the given digest (reset first; not
     * thread-safe). Empty for other types and for anything not read with certainty — not an object, a field read
     * twice, an {@code observedAt} that is not an ISO-8601 instant, no host id — so that it goes to the decoder.
     */
    static Optional<Scanned> scan(byte[] json, int from, int to, MessageDigest sha256) {
        // The decoder's own parser settings, so that what is read here is what it would read; its offsets count from {@code from}.
        try (JsonParser parser = EventJson.mapper().getFactory().createParser(json, from, to - from)) {
            return new Scan(json, from, to - from, parser, sha256).snapshot();
        } catch (IOException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Whether an {@code eventId} keeps the contract: not blank, at most {@link ContractLimits#NAME} characters, no control character. */
    static boolean withinContract(String eventId) {
        return !eventId.isBlank() && eventId.length() <= ContractLimits.NAME && !ControlCharacters.present(eventId);
    }

    /** One pass over the top-level fields. */
    private static final class Scan {

        private final byte[] json;
        /** Where the value starts in {@link #json}, and its length: the offsets below count from there. */
        private final int from;
        private final int length;
        private final JsonParser parser;
        private final MessageDigest sha256;
        private int digested;
        private int leftOutAt;
        private String type;
        private String hostId;
        private Instant observedAt;
        private boolean eventId;
        /** The byte offsets of the eventId and observedAt values: from the opening quote, to after the closing one. */
        private int eventIdAt;
        private int eventIdEnd;
        private int observedAtAt;
        private int observedAtEnd;

        Scan(byte[] json, int from, int length, JsonParser parser, MessageDigest sha256) {
            this.json = json;
            this.from = from;
            this.length = length;
            this.parser = parser;
            this.sha256 = sha256;
            sha256.reset();
        }

        Optional<Scanned> snapshot() throws IOException {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!read(field, value)) {
                    return Optional.empty();
                }
            }
            if (type == null || hostId == null || observedAt == null) {
                return Optional.empty();
            }
            sha256.update(json, from + digested, length - digested);
            SnapshotFingerprint fingerprint = new SnapshotFingerprint(hostId, observedAt, Content.of(sha256.digest()), new Handle());
            Layout layout = !eventId ? null
                    : eventIdAt < observedAtAt ? new Layout(eventIdAt, observedAtAt - eventIdEnd, true)
                    : new Layout(observedAtAt, eventIdAt - observedAtEnd, false);
            return Optional.of(new Scanned(fingerprint, layout));
        }

        /** Reads one field's value; false when the record is not a SNAPSHOT read with certainty. */
        private boolean read(String field, JsonToken value) throws IOException {
            switch (field) {
                case "type" -> {
                    if (type != null || value != JsonToken.VALUE_STRING || !SNAPSHOT.equals(parser.getText())) {
                        return false;
                    }
                    type = SNAPSHOT;
                }
                case "eventId" -> {
                    // Left out of the digest, so checked here: a repeat is never decoded, and the contract must hold.
                    if (eventId || value != JsonToken.VALUE_STRING || !withinContract(parser.getText())) {
                        return false;
                    }
                    eventId = true;
                    leaveOutOfDigest(parser.getText());
                    eventIdAt = leftOutAt;
                    eventIdEnd = digested;
                }
                case "observedAt" -> {
                    if (observedAt != null || value != JsonToken.VALUE_STRING) {
                        return false;
                    }
                    observedAt = IsoInstants.parse(leaveOutOfDigest(parser.getText()));
                    observedAtAt = leftOutAt;
                    observedAtEnd = digested;
                }
                case "host" -> {
                    if (hostId != null || value != JsonToken.START_OBJECT) {
                        return false;
                    }
                    hostId = hostId();
                    return hostId != null;
                }
                default -> parser.skipChildren();
            }
            return true;
        }

        /** The id field of the host object the parser is at (null if absent, twice or not a string); skips the rest. */
        private String hostId() throws IOException {
            String id = null;
            int ids = 0;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("id".equals(field)) {
                    ids++;
                    id = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                } else {
                    parser.skipChildren();
                }
            }
            return ids == 1 ? id : null;
        }

        /**
         * Digests the bytes up to the string value just read, and goes on after it.
         *
         * @throws JsonParseException when the parser has no byte offsets: Jackson reads a document it detects as
         *                            UTF-16 or UTF-32 by characters (such a record goes to the decoder)
         */
        private String leaveOutOfDigest(String text) throws JsonParseException {
            long start = parser.currentTokenLocation().getByteOffset();
            long end = parser.currentLocation().getByteOffset();
            if (start < digested || end <= start || end > length) {
                throw new JsonParseException(parser, "no byte offsets: not read as UTF-8");
            }
            leftOutAt = (int) start;
            sha256.update(json, from + digested, leftOutAt - digested);
            digested = (int) end;
            return text;
        }
    }
}
