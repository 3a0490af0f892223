package io.portwatch.alert.memo;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.portwatch.events.contract.ContractLimits;
import io.portwatch.events.contract.ControlCharacters;
import io.portwatch.events.json.EventJson;
import io.portwatch.events.json.IsoInstants;
import io.portwatch.events.listener.Listener;
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
 * @param apart      for a content recognised as its host's last but for one listener, what that listener is; else null
 */
public record SnapshotFingerprint(String hostId, Instant observedAt, Handle handle, OneApart apart) {

    /** A fingerprint read by a scan, or of a repeat: nothing apart. */
    public SnapshotFingerprint(String hostId, Instant observedAt, Handle handle) {
        this(hostId, observedAt, handle, null);
    }

    /**
     * How a SNAPSHOT's content differs from its host's last remembered one when it is that one with one listener more
     * or one fewer ({@link Content#oneApart}): byte for byte the last content with one element of its {@code listeners}
     * array put in or taken out, the separating comma with it. Such a SNAPSHOT is the one a probe writes after it told
     * of that listener opening or closing; the memo recognises it without scanning or decoding it (only the element
     * put in is tokenised, and the element decoded alone), if that OPENED or CLOSED is the one event its host applied
     * since that content, among other conditions ({@link NoChangeMemo#skipsApart}).
     *
     * @param base      the handle of the content it differs from
     * @param opened    whether the listener was put in (else taken out)
     * @param element   the listener's element, as it stands in the array (one put in was found to be one JSON object
     *                  alone: {@link Content#oneApart})
     * @param listeners how many listeners the SNAPSHOT lists
     */
    public record OneApart(Handle base, boolean opened, byte[] element, int listeners) {

        /**
         * How deep an element put in may nest: a listener nests 3 deep (itself, {@code sharedWith}, an owner), so
         * this leaves room. Decoded alone it stands 2 levels higher than in its SNAPSHOT, so an element near the
         * parser's nesting limit would decode alone and not in place.
         */
        static final int ELEMENT_DEPTH = 8;

        /**
         * The listener the element holds, decoded alone by the event's mapper; empty unless the element is exactly one
         * JSON object, a listener. An element put in was found to be one object, at most {@value #ELEMENT_DEPTH} deep, before
         * it was believed ({@link Content#oneApart}); one taken out was an element of the last content, whose elements
         * were all read by a scan or checked so as they were put in.
         */
        public Optional<Listener> listener() {
            try (JsonParser parser = EventJson.mapper().getFactory().createParser(element)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    return Optional.empty();
                }
                Listener listener = EventJson.mapper().readValue(parser, Listener.class);
                return parser.nextToken() == null ? Optional.ofNullable(listener) : Optional.empty();
            } catch (IOException | IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }

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

        /**
         * How many element boundaries before the first difference are tried, the nearest first: each costs a comparison
         * of the bytes after it, so a SNAPSHOT of many small elements costs a few of them, not one per element. The
         * nearest is the one unless the element put in or taken out repeats its neighbours' bytes; past these, the
         * SNAPSHOT is scanned.
         */
        private static final int BOUNDARIES_TRIED = 2;

        private final byte[] bytes;
        private final int firstCut;
        private final int secondCut;
        /**
         * Where its {@code listeners} array's elements start, then where the array's closing bracket is, as offsets
         * into {@link #bytes}, all in the third part; null unless the array is written compactly (each element an
         * object, one comma between two, nothing else) and comes after both values left out.
         */
        private final int[] elements;

        Content(byte[] bytes, int firstCut, int secondCut, int[] elements) {
            this.bytes = bytes;
            this.firstCut = firstCut;
            this.secondCut = secondCut;
            this.elements = elements;
        }

        /**
         * Copies the three parts of {@code json} around {@code [firstAt, firstEnd)} and {@code [secondAt, secondEnd)};
         * {@code elements} as {@link #elements} says, or null.
         */
        static Content of(byte[] json, int from, int firstAt, int firstEnd, int secondAt, int secondEnd, int to, int[] elements) {
            int before = firstAt - from;
            int between = secondAt - firstEnd;
            byte[] bytes = new byte[before + between + to - secondEnd];
            System.arraycopy(json, from, bytes, 0, before);
            System.arraycopy(json, firstEnd, bytes, before, between);
            System.arraycopy(json, secondEnd, bytes, before + between, to - secondEnd);
            return new Content(bytes, before, before + between, elements);
        }

        /**
         * The content of {@code json[from, to)} (its two values at {@code [firstAt, firstEnd)} and
         * {@code [secondAt, secondEnd)}) when it is this one with one listener element put in or taken out at one of
         * its element boundaries, with the one comma that separates it; null otherwise, and when this content's array
         * is not known ({@link #elements}). The first two parts must be this one's; in the third, the element found
         * is the one whose removal, or insertion, leaves the bytes before and after it this one's. An element put in
         * must be one JSON object alone, at most {@value OneApart#ELEMENT_DEPTH} deep, else it is null: the element
         * boundaries remembered of the new content must be its elements'. Whether the element is the listener its
         * host's OPENED or CLOSED told of is {@link OneApart#listener}'s to say.
         */
        Apart oneApart(byte[] json, int from, int firstAt, int firstEnd, int secondAt, int secondEnd, int to) {
            if (elements == null || !Arrays.equals(json, from, firstAt, bytes, 0, firstCut)
                    || !Arrays.equals(json, firstEnd, secondAt, bytes, firstCut, secondCut)) {
                return null;
            }
            int grown = (to - secondEnd) - (bytes.length - secondCut);
            int differs = Arrays.mismatch(json, secondEnd, to, bytes, secondCut, bytes.length);
            if (grown == 0 || differs < 0) {
                return null;
            }
            // The third part's offsets in json are those in bytes plus this.
            int shift = secondEnd - secondCut;
            int firstDifference = secondCut + differs;
            return grown > 0 ? inserted(json, from, firstAt, firstEnd, secondAt, secondEnd, to, shift, grown, firstDifference)
                    : removed(json, from, firstAt, firstEnd, secondAt, secondEnd, to, shift, -grown, firstDifference);
        }

        /** An element of {@code grown} bytes, with its comma, put in at a boundary no later than the first difference. */
        private Apart inserted(byte[] json, int from, int firstAt, int firstEnd, int secondAt, int secondEnd, int to, int shift,
                int grown, int firstDifference) {
            int count = elements.length - 1;
            int tried = 0;
            for (int k = count; k >= 0 && tried < BOUNDARIES_TRIED; k--) {
                int at = elements[k];
                if (at > firstDifference) {
                    continue;
                }
                tried++;
                // Before element k: the element, then its comma. At the close: a comma first, unless the array was empty.
                boolean commaFirst = k == count && count > 0;
                int elementAt = at + shift + (commaFirst ? 1 : 0);
                int elementLength = grown - (count > 0 ? 1 : 0);
                int comma = commaFirst ? at + shift : elementAt + elementLength;
                if (elementLength < 2 || count > 0 && json[comma] != ',' || json[elementAt] != '{'
                        || json[elementAt + elementLength - 1] != '}'
                        || !Arrays.equals(json, at + shift + grown, to, bytes, at, bytes.length)) {
                    continue;
                }
                // The bytes around it are this content's: it is one element only if it is one object, alone. Else the
                // boundaries remembered of the new content would not be its elements'.
                if (!oneObject(json, elementAt, elementLength)) {
                    return null;
                }
                int[] after = new int[count + 2];
                for (int i = 0; i <= count; i++) {
                    after[i < k ? i : i + 1] = elements[i] + (i < k ? 0 : grown);
                }
                after[k] = elementAt - shift;
                return new Apart(of(json, from, firstAt, firstEnd, secondAt, secondEnd, to, after), true,
                        Arrays.copyOfRange(json, elementAt, elementAt + elementLength), count + 1);
            }
            return null;
        }

        /**
         * Whether {@code json[at, at + length)} is one JSON object and nothing else, nested at most
         * {@link OneApart#ELEMENT_DEPTH} deep, as the decoder's tokeniser reads it.
         */
        private static boolean oneObject(byte[] json, int at, int length) {
            try (JsonParser parser = EventJson.mapper().getFactory().createParser(json, at, length)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    return false;
                }
                int depth = 1;
                while (depth > 0) {
                    JsonToken token = parser.nextToken();
                    if (token == null) {
                        return false;
                    }
                    if (token.isStructStart() && ++depth > OneApart.ELEMENT_DEPTH) {
                        return false;
                    }
                    if (token.isStructEnd()) {
                        depth--;
                    }
                }
                return parser.nextToken() == null;
            } catch (IOException e) {
                return false;
            }
        }

        /** One of its elements, with a comma next to it, taken out at a boundary no later than the first difference. */
        private Apart removed(byte[] json, int from, int firstAt, int firstEnd, int secondAt, int secondEnd, int to, int shift,
                int shrunk, int firstDifference) {
            int count = elements.length - 1;
            int tried = 0;
            for (int k = count - 1; k >= 0 && tried < BOUNDARIES_TRIED; k--) {
                // Element k and the comma after it; the last one, the comma before it; an only one, alone.
                boolean last = k == count - 1;
                int cut = last && count > 1 ? elements[k] - 1 : elements[k];
                int elementEnd = last ? elements[count] : elements[k + 1] - 1;
                int cutEnd = last ? elements[count] : elements[k + 1];
                if (cut > firstDifference) {
                    continue;
                }
                tried++;
                if (cutEnd - cut != shrunk
                        || !Arrays.equals(json, cut + shift, to, bytes, cutEnd, bytes.length)) {
                    continue;
                }
                int[] after = new int[count];
                for (int i = 0; i <= count; i++) {
                    if (i != k) {
                        after[i < k ? i : i - 1] = elements[i] - (i < k ? 0 : shrunk);
                    }
                }
                return new Apart(of(json, from, firstAt, firstEnd, secondAt, secondEnd, to, after), false,
                        Arrays.copyOfRange(bytes, elements[k], elementEnd), count - 1);
            }
            return null;
        }

        /** Whether {@code json}'s three parts around the two values are this content's, byte for byte. */
        boolean matches(byte[] json, int from, int firstAt, int firstEnd, int secondAt, int secondEnd, int to) {
            return Arrays.equals(json, from, firstAt, bytes, 0, firstCut)
                    && Arrays.equals(json, firstEnd, secondAt, bytes, firstCut, secondCut)
                    && Arrays.equals(json, secondEnd, to, bytes, secondCut, bytes.length);
        }

        /** Whether its listeners array's elements are known: a content one listener apart can be recognised. */
        boolean arrayKnown() {
            return elements != null;
        }

        /** How many bytes it holds, its elements' offsets counted. */
        int size() {
            return bytes.length + (elements == null ? 0 : Integer.BYTES * elements.length);
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

    /** A content one listener apart from another ({@link Content#oneApart}), and that listener's element and count. */
    record Apart(Content content, boolean opened, byte[] element, int listeners) {
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
        /** How many listeners fields were read, and the first one's elements and closing bracket (offsets from from). */
        private int listenersFields;
        private int[] listeners;

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
            Content content = Content.of(json, from, from + firstAt, from + firstEnd, from + secondAt, from + secondEnd, from + length,
                    elements(secondEnd, (firstEnd - firstAt) + (secondEnd - secondAt)));
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
                case "listeners" -> {
                    listenersFields++;
                    listeners = null;
                    if (value == JsonToken.START_ARRAY) {
                        listeners = compactArray();
                    } else {
                        parser.skipChildren();
                    }
                }
                default -> parser.skipChildren();
            }
            return true;
        }

        /**
         * The elements of the array the parser is at, as {@link Content#elements} holds them (offsets from {@code from},
         * and the closing bracket's last); null unless each is an object and they are written compactly: one comma
         * between two, no space. Reads the array to its end either way.
         */
        private int[] compactArray() throws IOException {
            int expected = valueStart() + 1;
            boolean compact = true;
            int[] found = new int[8];
            int count = 0;
            JsonToken token;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (token != JsonToken.START_OBJECT) {
                    compact = false;
                    parser.skipChildren();
                    continue;
                }
                int start = offset(parser.currentTokenLocation().getByteOffset());
                parser.skipChildren();
                int end = offset(parser.currentTokenLocation().getByteOffset()) + 1;
                compact &= start == expected && end < length && (json[from + end] == ',' || json[from + end] == ']');
                if (count == found.length) {
                    found = Arrays.copyOf(found, count * 2);
                }
                found[count++] = start;
                expected = end + 1;
            }
            int close = offset(parser.currentTokenLocation().getByteOffset());
            if (!compact || close != (count == 0 ? expected : expected - 1)) {
                return null;
            }
            int[] elements = Arrays.copyOf(found, count + 1);
            elements[count] = close;
            return elements;
        }

        /**
         * The listeners array's elements as offsets into the content, which leaves out {@code cut} bytes before
         * {@code after}: null unless there was one listeners field, compact, and all of it comes after that.
         */
        private int[] elements(int after, int cut) {
            if (listenersFields != 1 || listeners == null || listeners[0] < after) {
                return null;
            }
            int[] elements = new int[listeners.length];
            for (int i = 0; i < elements.length; i++) {
                elements[i] = listeners[i] - cut;
            }
            return elements;
        }

        /** A byte offset the parser gave, checked to lie in the value (else it reads by characters: see {@link #valueStart}). */
        private int offset(long offset) throws JsonParseException {
            if (offset < 0 || offset >= length) {
                throw new JsonParseException(parser, "no byte offsets: not read as UTF-8");
            }
            return (int) offset;
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
