package io.portwatch.events.json;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;

/**
 * ISO-8601 instants in the form every Portwatch writer uses ({@code 2026-11-24T10:15:30.123456Z}), read
 * without a {@link java.time.format.DateTimeFormatter}, which costs several times more and allocates a
 * parse context per value: an instant per listener event adds up. Every other form (offsets, lower
 * case, leap seconds, years beyond 9999, anything malformed) goes to {@link Instant#parse}, so the
 * result, or the exception, is always the one it gives.
 */
public final class IsoInstants {

    private static final int[] NANOS_PER_DIGIT = {100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};
    private static final int SECONDS_PER_DAY = 86_400;

    private IsoInstants() {
    }

    /** The instant an ISO-8601 text names, as {@link Instant#parse} reads it. */
    public static Instant parse(CharSequence text) {
        Instant instant = canonical(text);
        return instant != null ? instant : Instant.parse(text);
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f…]Z} with one to nine fraction digits and a valid date and time; null otherwise. */
    static Instant canonical(CharSequence text) {
        int length = text.length();
        if (length < 20 || length == 21 || length > 30 || text.charAt(length - 1) != 'Z'
                || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || length > 20 && text.charAt(19) != '.') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int fraction = length > 20 ? digits(text, 20, length - 1) : 0;
        if ((year | month | day | hour | minute | second | fraction) < 0 || month < 1 || month > 12 || day < 1
                || day > Month.of(month).length(Year.isLeap(year)) || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        long seconds = LocalDate.of(year, month, day).toEpochDay() * SECONDS_PER_DAY + hour * 3_600L + minute * 60L + second;
        int nanos = length > 20 ? fraction * NANOS_PER_DIGIT[length - 22] : 0;
        return Instant.ofEpochSecond(seconds, nanos);
    }

    /** The decimal number of {@code text[from, to)}, or -1 if a character is not an ASCII digit. */
    private static int digits(CharSequence text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
