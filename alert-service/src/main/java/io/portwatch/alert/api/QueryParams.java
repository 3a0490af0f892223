package io.portwatch.alert.api;

/** Query parameters read as text, so that a malformed one is a 400 Problem JSON naming it, not a 404. */
public final class QueryParams {

    private QueryParams() {
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
}
