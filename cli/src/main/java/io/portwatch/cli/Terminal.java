package io.portwatch.cli;

import java.util.Locale;

/** Colours for a terminal (none when output goes to a file or pipe, or with NO_COLOR set) and column padding. */
public final class Terminal {

    private static final boolean COLOUR = System.console() != null && System.getenv("NO_COLOR") == null
            || "always".equals(System.getenv("PORTWATCH_COLOR"));
    private static final String RESET = "\u001b[0m";

    private Terminal() {
    }

    /** A severity, padded and coloured by how urgent it is. */
    public static String severity(String severity) {
        String code = switch (severity.toUpperCase(Locale.ROOT)) {
            case "CRITICAL" -> "\u001b[1;97;41m";
            case "HIGH" -> "\u001b[1;31m";
            case "MEDIUM" -> "\u001b[33m";
            case "LOW" -> "\u001b[36m";
            default -> "\u001b[2m";
        };
        return colour(code, pad(severity, 8));
    }

    public static String bold(String text) {
        return colour("\u001b[1m", text);
    }

    public static String dim(String text) {
        return colour("\u001b[2m", text);
    }

    public static String pad(String text, int width) {
        String value = text == null ? "-" : text;
        return value.length() >= width ? value.substring(0, width) : value + " ".repeat(width - value.length());
    }

    private static String colour(String code, String text) {
        return COLOUR ? code + text + RESET : text;
    }
}
