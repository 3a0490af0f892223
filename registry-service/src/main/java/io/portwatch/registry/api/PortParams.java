package io.portwatch.registry.api;

import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.PortRange;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.registry.problem.BadInputException;

import java.util.Arrays;
import java.util.Locale;

/** Parses ports and transports from request parameters, answering 400 with what was wrong. */
final class PortParams {

    private PortParams() {
    }

    static int port(String text) {
        try {
            return PortRange.requireValid(Integer.parseInt(text.trim()));
        } catch (NumberFormatException e) {
            throw new BadInputException("port '" + text + "' is not a number: expected 0-65535");
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    static Transport transport(String text) {
        try {
            return Transport.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    static PortKey key(String port, String transport) {
        int number = port(port);
        return new PortKey(transport(transport), number);
    }

    static <E extends Enum<E>> E optionalEnum(String text, Class<E> type, String name) {
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
