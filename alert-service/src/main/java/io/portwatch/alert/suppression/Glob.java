package io.portwatch.alert.suppression;

import java.util.Arrays;
import java.util.List;

/**
 * A glob ({@code *} any run of characters, {@code ?} one character, everything else literal, ignoring case)
 * compiled once into the literal segments between its stars, and matched in time linear in the text per
 * segment: the first segment at the start, the last at the end, each one between at its leftmost place
 * after the one before (which is always right for globs: a match further left leaves more room for the rest).
 * A regular expression of the same glob backtracks: {@code *a*a*a*b} against 400 characters took 18 s.
 */
final class Glob {

    private final List<String> segments;
    private final boolean anchoredBothEnds;

    private Glob(String pattern) {
        this.segments = Arrays.asList(pattern.split("\\*", -1));
        this.anchoredBothEnds = segments.size() == 1;
    }

    static Glob compile(String pattern) {
        return new Glob(pattern);
    }

    boolean matches(String text) {
        if (anchoredBothEnds) {
            return text.length() == segments.get(0).length() && at(text, 0, segments.get(0));
        }
        String first = segments.get(0);
        String last = segments.get(segments.size() - 1);
        if (text.length() < first.length() + last.length() || !at(text, 0, first) || !at(text, text.length() - last.length(), last)) {
            return false;
        }
        int from = first.length();
        int end = text.length() - last.length();
        for (int i = 1; i < segments.size() - 1; i++) {
            int found = find(text, segments.get(i), from, end);
            if (found < 0) {
                return false;
            }
            from = found + segments.get(i).length();
        }
        return true;
    }

    /** The leftmost place in {@code text[from, end)} where the segment matches, or -1. */
    private static int find(String text, String segment, int from, int end) {
        for (int start = from; start + segment.length() <= end; start++) {
            if (at(text, start, segment)) {
                return start;
            }
        }
        return -1;
    }

    private static boolean at(String text, int start, String segment) {
        for (int i = 0; i < segment.length(); i++) {
            char wanted = segment.charAt(i);
            char seen = text.charAt(start + i);
            if (wanted != '?' && wanted != seen && Character.toLowerCase(wanted) != Character.toLowerCase(seen)
                    && Character.toUpperCase(wanted) != Character.toUpperCase(seen)) {
                return false;
            }
        }
        return true;
    }
}
