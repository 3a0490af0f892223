package io.portwatch.registry.api;

import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.PortRange;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.http.BadInputException;

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
}
