package io.portwatch.http;

import java.util.Arrays;
import java.util.Locale;

/**
 * Request parameters read as text, so that a malformed one is a 400 Problem JSON naming it, not JAX-RS's 404 for a
 * parameter it cannot convert. Each failure names the parameter and what it takes.
 */
public final class Params {

    private Params() {
    }

    /** The whole number in {@code text}, between {@code min} and {@code max}. @throws BadInputException naming {@code name} otherwise */
    public static int number(String text, String name, int min, int max) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value < min || value > max) {
                throw new BadInputException(name + " must be between " + min + " and " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new BadInputException(name + " '" + text + "' is not a whole number");
        }
    }

    /** The constant of {@code type} that {@code text} names in any case, or null when it is null or blank. */
    public static <E extends Enum<E>> E optionalEnum(String text, Class<E> type, String name) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(name + " '" + text + "' is not one of " + Arrays.toString(type.getEnumConstants()));
        }
    }
}
