package io.portwatch.cli;

import io.portwatch.events.contract.ControlCharacters;

import java.util.Locale;

/**
 * Colours for a terminal (none when output goes to a file or pipe, or with NO_COLOR set), column padding, and text
 * from services and records made safe to print: a control character (ESC, BEL, C1) or a bidirectional override in a
 * process name or a banner must not erase, hide or reorder what the operator sees.
 */
public final class Terminal {

    private static final boolean COLOUR = System.console() != null && System.getenv("NO_COLOR") == null
            || "always".equals(System.getenv("PORTWATCH_COLOR"));
    private static final String RESET = "\u001b[0m";

    private Terminal() {
    }

    /** A severity, padded and coloured by how urgent it is. */
    public static String severity(String severity) {
        return severity(severity, pad(severity, 8));
    }

    /** Text (a severity's cell) coloured by how urgent the severity is. */
    public static String severity(String severity, String text) {
        String code = switch (severity == null ? "" : severity.toUpperCase(Locale.ROOT)) {
            case "CRITICAL" -> "\u001b[1;97;41m";
            case "HIGH" -> "\u001b[1;31m";
            case "MEDIUM" -> "\u001b[33m";
            case "LOW" -> "\u001b[36m";
            default -> "\u001b[2m";
        };
        return colour(code, text);
    }

    /**
     * A finding's state (or the change that led to it), padded and coloured: STALE (its probe went silent, nobody can
     * say) stands out, RESOLVED and SUPPRESSED recede.
     */
    public static String state(String state, int width) {
        return state(state, pad(state, width));
    }

    /** Text (a state's cell) coloured by the state. */
    public static String state(String state, String text) {
        String code = switch (state == null ? "" : state.toUpperCase(Locale.ROOT)) {
            case "STALE" -> "\u001b[35m";
            case "RESOLVED", "SUPPRESSED" -> "\u001b[2m";
            case "OPEN", "OPENED", "REOPENED" -> "\u001b[1m";
            default -> "";
        };
        return code.isEmpty() ? text : colour(code, text);
    }

    /** Text that needs the operator's attention (a silent probe), in bold red. */
    public static String alarm(String text) {
        return colour("\u001b[1;31m", text);
    }

    public static String bold(String text) {
        return colour("\u001b[1m", text);
    }

    public static String dim(String text) {
        return colour("\u001b[2m", text);
    }

    /** Text from a service or a record with its control characters and bidirectional overrides escaped ({@code \\x1B}). */
    public static String safe(String text) {
        return ControlCharacters.escape(text);
    }

    /** The text made {@link #safe}, padded to a column's width; never cut (a longer text widens its column). */
    public static String pad(String text, int width) {
        String value = text == null ? "-" : safe(text);
        return value.length() >= width ? value : value + " ".repeat(width - value.length());
    }

    private static String colour(String code, String text) {
        return COLOUR ? code + text + RESET : text;
    }
}
