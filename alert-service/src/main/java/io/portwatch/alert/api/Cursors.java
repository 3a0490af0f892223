package io.portwatch.alert.api;

import io.portwatch.alert.findings.FindingCursor;
import io.portwatch.alert.findings.FindingSort;
import io.portwatch.http.BadInputException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Findings cursors as clients see them: opaque base64url text of {@code sort|rank|epoch-microseconds|finding-id}.
 * A cursor is client input like any other: one that does not decode, or belongs to another sort, is a 400.
 */
final class Cursors {

    private static final int MAX_LENGTH = 200;
    private static final Pattern FINDING_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private Cursors() {
    }

    static String encode(FindingCursor cursor) {
        if (cursor == null) {
            return null;
        }
        long micros = cursor.at().getEpochSecond() * 1_000_000L + cursor.at().getNano() / 1_000;
        String text = cursor.sort().name() + "|" + cursor.rank() + "|" + micros + "|" + cursor.findingId();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor in {@code text} for {@code sort}; null when {@code text} is empty. */
    static FindingCursor decode(String text, FindingSort sort) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            if (text.length() > MAX_LENGTH) {
                throw new IllegalArgumentException("too long");
            }
            String[] parts = new String(Base64.getUrlDecoder().decode(text.trim()), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length != 4 || !FINDING_ID.matcher(parts[3]).matches()) {
                throw new IllegalArgumentException("malformed");
            }
            if (!parts[0].equals(sort.name())) {
                throw new BadInputException("cursor belongs to sort " + parts[0] + ", not " + sort.name() + ": start again without it");
            }
            int rank = Integer.parseInt(parts[1]);
            long micros = Long.parseLong(parts[2]);
            if (rank < 0 || rank > 4 || micros < 0) {
                throw new IllegalArgumentException("out of range");
            }
            return new FindingCursor(sort, rank, Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1_000), parts[3]);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("cursor is not one this API gave out: start again without it");
        }
    }
}
