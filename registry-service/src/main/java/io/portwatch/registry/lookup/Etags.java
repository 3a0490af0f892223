package io.portwatch.registry.lookup;

import io.portwatch.events.knowledge.PortKnowledge;

import java.util.List;
import java.util.stream.Collectors;

/** The ETags of lookup answers, and the If-None-Match test of a conditional GET. */
public final class Etags {

    private Etags() {
    }

    /** One entry's ETag value (unquoted): its version, the one an update names in If-Match. */
    public static String of(PortKnowledge knowledge) {
        return Long.toString(knowledge.version());
    }

    /**
     * A port's ETag value (unquoted): each entry's transport and version, e.g. {@code tcp.3-udp.1}. A version grows with
     * every change of its entry, so the pair names the entry's content.
     */
    public static String of(List<PortKnowledge> entries) {
        return entries.stream().map(entry -> entry.transport().wireName() + "." + entry.version()).collect(Collectors.joining("-"));
    }

    /**
     * Whether an If-None-Match header names the quoted {@code etag} (RFC 9110 13.1.2: {@code *} or a list of entity tags,
     * compared weakly, so {@code W/"3"} names {@code "3"}). Reads the header in place, without allocating.
     */
    public static boolean noneMatch(CharSequence header, CharSequence etag) {
        int length = header.length();
        int at = 0;
        while (at < length) {
            while (at < length && (header.charAt(at) == ' ' || header.charAt(at) == '\t' || header.charAt(at) == ',')) {
                at++;
            }
            int end = at;
            while (end < length && header.charAt(end) != ',') {
                end++;
            }
            int last = end;
            while (last > at && (header.charAt(last - 1) == ' ' || header.charAt(last - 1) == '\t')) {
                last--;
            }
            if (last - at == 1 && header.charAt(at) == '*') {
                return true;
            }
            int tag = last - at > 2 && header.charAt(at) == 'W' && header.charAt(at + 1) == '/' ? at + 2 : at;
            if (sameText(header, tag, last, etag)) {
                return true;
            }
            at = end + 1;
        }
        return false;
    }

    private static boolean sameText(CharSequence text, int from, int to, CharSequence expected) {
        if (to - from != expected.length()) {
            return false;
        }
        for (int i = 0; i < expected.length(); i++) {
            if (text.charAt(from + i) != expected.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
