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
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;

/**
 * What a SNAPSHOT's JSON says without decoding it: its host, when it was observed, and which content it is (its
 * handle). A SNAPSHOT's content is every byte but the values of {@code eventId} and {@code observedAt}: two SNAPSHOTs
 * with the same content decode to the same type, probe, host and listeners. A probe's periodic SNAPSHOT of a steady
 * host is recognised by a scan of its bytes, far cheaper than binding them, and most repeats without even that, by
 * comparing their bytes with their host's last content ({@link SnapshotFingerprints}).
 *
 * @param hostId     {@code host.id}
 * @param observedAt {@code observedAt}
 * @param handle     where the memo finds the host of this content: one per scan, shared by the repeats recognised of it
 */
public record SnapshotFingerprint(String hostId, Instant observedAt, Handle handle) {

    /**
     * Where the memo finds the host whose SNAPSHOT a scanned content is, once one was judged: one per scan (a content
     * scanned again gets another), shared by the repeats recognised of it ({@link SnapshotFingerprints}), so that a repeat reaches its host's
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
     * A SNAPSHOT's bytes without its {@code eventId} and {@code observedAt} values (their quotes left out too), as
     * three parts: before the first of the two, between them, after the second. Equal when the bytes and the places
     * of the cuts are: compared byte for byte, so no producer can make two contents equal that are not.
     */
    static final class Content {
        private final byte[] bytes;
        private final int firstCut;
        private final int secondCut;

        Content(byte[] bytes, int firstCut, int secondCut) {
            this.bytes = bytes;
            this.firstCut = firstCut;
            this.secondCut = secondCut;
        }

        /** Copies the three parts of {@code json} around {@code [firstAt, firstEnd)} and {@code [secondAt, secondEnd)}. */
        static Content of(byte[] json, int from, int firstAt, int firstEnd, int secondAt, int secondEnd, int to) {
            int before = firstAt - from;
            int between = secondAt - firstEnd;
            byte[] bytes = new byte[before + between + to - secondEnd];
            System.arraycopy(json, from, bytes, 0, before);
            System.arraycopy(json, firstEnd, bytes, before, between);
            System.arraycopy(json, secondEnd, bytes, before + between, to - secondEnd);
            return new Content(bytes, before, before + between);
        }

        /** Whether {@code json}'s three parts around the two values are this content's, byte for byte. */
        boolean matches(byte[] json, int from, int firstAt, int firstEnd, int secondAt, int secondEnd, int to) {
            return Arrays.equals(json, from, firstAt, bytes, 0, firstCut)
                    && Arrays.equals(json, firstEnd, secondAt, bytes, firstCut, secondCut)
                    && Arrays.equals(json, secondEnd, to, bytes, secondCut, bytes.length);
        }

        /** How many bytes it holds. */
        int size() {
            return bytes.length;
        }

        @Override
        public boolean equals(Object other) {
            return this == other || other instanceof Content content && firstCut == content.firstCut
                    && secondCut == content.secondCut && Arrays.equals(bytes, content.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }

    /**
     * Where a SNAPSHOT's two values left out of its content are, as byte offsets: the opening quote of the first, and
     * how many bytes lie between the first's closing quote and the second's opening one.
     *
     * @param eventIdFirst whether the first is {@code eventId} (else {@code observedAt})
     */
    record Layout(int firstAt, int between, boolean eventIdFirst) {
    }

    /**
     * A fingerprint read by a scan, with where its two left-out values were and its content; both null when it is not
     * to be remembered (no eventId, or a content over the size it was scanned for).
     */
    record Scanned(SnapshotFingerprint fingerprint, Layout layout, Content content) {
    }

    private static final String SNAPSHOT = ListenerEventType.SNAPSHOT.name();

    /**
     * Reads the fingerprint of a SNAPSHOT's JSON, where its two left-out values are (offsets from {@code from}) and
     * its content when that holds at most {@code largestContent} bytes, by one pass of the decoder's tokeniser over
     * {@code json[from, to)}. Empty for other types and for anything not read with certainty — not an object, a field
     * read twice, an {@code observedAt} that is not an ISO-8601 instant, no host id, a document Jackson reads by
     * characters (UTF-16 or UTF-32: no byte offsets) — so that it goes to the decoder.
     */
    static Optional<Scanned> scan(byte[] json, int from, int to, int largestContent) {
        // The decoder's own parser settings, so that what is read here is what it would read; its offsets count from {@code from}.
        try (JsonParser parser = EventJson.mapper().getFactory().createParser(json, from, to - from)) {
            return new Scan(json, from, to - from, parser).snapshot(largestContent);
        } catch (IOException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether an {@code eventId} keeps the contract: not blank, at most {@link ContractLimits#NAME} characters, no control
     * character. A repeat's is checked in its bytes instead, where being a plain string leaves only blankness to find
     * ({@code SnapshotFingerprints.blank}): a change here changes that too.
     */
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
        private String type;
        private String hostId;
        private Instant observedAt;
        private boolean eventId;
        /** The byte offsets of the eventId and observedAt values: from the opening quote, to after the closing one. */
        private int eventIdAt;
        private int eventIdEnd;
        private int observedAtAt;
        private int observedAtEnd;

        Scan(byte[] json, int from, int length, JsonParser parser) {
            this.json = json;
            this.from = from;
            this.length = length;
            this.parser = parser;
        }

        Optional<Scanned> snapshot(int largestContent) throws IOException {
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
            SnapshotFingerprint fingerprint = new SnapshotFingerprint(hostId, observedAt, new Handle());
            int contentSize = length - (eventIdEnd - eventIdAt) - (observedAtEnd - observedAtAt);
            if (!eventId || contentSize > largestContent) {
                return Optional.of(new Scanned(fingerprint, null, null));
            }
            boolean eventIdFirst = eventIdAt < observedAtAt;
            int firstAt = eventIdFirst ? eventIdAt : observedAtAt;
            int firstEnd = eventIdFirst ? eventIdEnd : observedAtEnd;
            int secondAt = eventIdFirst ? observedAtAt : eventIdAt;
            int secondEnd = eventIdFirst ? observedAtEnd : eventIdEnd;
            Layout layout = new Layout(firstAt, secondAt - firstEnd, eventIdFirst);
            Content content = Content.of(json, from, from + firstAt, from + firstEnd, from + secondAt, from + secondEnd, from + length);
            return Optional.of(new Scanned(fingerprint, layout, content));
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
                    // Left out of the content, so checked here: a repeat is never decoded, and the contract must hold.
                    if (eventId || value != JsonToken.VALUE_STRING || !withinContract(parser.getText())) {
                        return false;
                    }
                    eventId = true;
                    eventIdAt = valueStart();
                    eventIdEnd = valueEnd();
                }
                case "observedAt" -> {
                    if (observedAt != null || value != JsonToken.VALUE_STRING) {
                        return false;
                    }
                    observedAt = IsoInstants.parse(parser.getText());
                    observedAtAt = valueStart();
                    observedAtEnd = valueEnd();
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
         * The byte offset of the string value just read (its opening quote).
         *
         * @throws JsonParseException when the parser has no byte offsets: Jackson reads a document it detects as
         *                            UTF-16 or UTF-32 by characters (such a record goes to the decoder)
         */
        private int valueStart() throws JsonParseException {
            long start = parser.currentTokenLocation().getByteOffset();
            if (start < 0 || start >= length) {
                throw new JsonParseException(parser, "no byte offsets: not read as UTF-8");
            }
            return (int) start;
        }

        /**
         * The byte offset after the string value just read (after its closing quote), once its text was read: Jackson
         * finishes a string token only then.
         */
        private int valueEnd() throws JsonParseException {
            long start = parser.currentTokenLocation().getByteOffset();
            long end = parser.currentLocation().getByteOffset();
            if (end <= start || end > length) {
                throw new JsonParseException(parser, "no byte offsets: not read as UTF-8");
            }
            return (int) end;
        }
    }
}
