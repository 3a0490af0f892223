package io.portwatch.events.contract;

/**
 * Text from a watched host made safe to store and to show: C0 controls (NUL, ESC, BEL, …), DEL and C1 controls
 * (which terminals also obey, e.g. U+009B as CSI) written as {@code \xNN}, and the Unicode bidirectional
 * overrides and isolates (U+202A-U+202E, U+2066-U+2069, which reorder what a reader sees) as {@code \u202E}.
 * A backslash stays as it is: the escaped form is for people and databases, not to be unescaped.
 */
public final class ControlCharacters {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private ControlCharacters() {
    }

    /** Whether the text holds a C0 or C1 control character or DEL, which the event contract refuses. */
    public static boolean present(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (control(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** The text with every control, bidirectional override and isolate escaped; null stays null. */
    public static String escape(String text) {
        if (text == null) {
            return null;
        }
        int first = firstUnsafe(text);
        if (first < 0) {
            return text;
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (control(c)) {
                escaped.append("\\x").append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
            } else if (bidi(c)) {
                escaped.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF]).append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /**
     * {@link #escape} the text, then cut it to at most {@code max} characters (ending in {@code …} when cut),
     * never in the middle of an escape or a surrogate pair; null stays null.
     */
    public static String escapeAndCut(String text, int max) {
        String escaped = escape(text);
        if (escaped == null || escaped.length() <= max) {
            return escaped;
        }
        int end = max - 1;
        int backslash = escaped.lastIndexOf('\\', end - 1);
        if (backslash >= 0 && end - backslash < 6 && escaped.length() > backslash + 1
                && (escaped.charAt(backslash + 1) == 'x' || escaped.charAt(backslash + 1) == 'u')) {
            end = backslash;
        }
        if (end > 0 && Character.isHighSurrogate(escaped.charAt(end - 1))) {
            end--;
        }
        return escaped.substring(0, end) + "…";
    }

    private static int firstUnsafe(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (control(c) || bidi(c)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean control(char c) {
        return c < 0x20 || c >= 0x7F && c <= 0x9F;
    }

    private static boolean bidi(char c) {
        return c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069;
    }
}
