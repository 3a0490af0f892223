package io.portwatch.events.knowledge;

import java.util.Objects;

/**
 * A transport and port, the key of the knowledge topic: {@code tcp/3283}.
 *
 * @param transport the transport
 * @param port      0-65535
 */
public record PortKey(Transport transport, int port) {

    public PortKey {
        Objects.requireNonNull(transport, "transport");
        PortRange.requireValid(port);
    }

    /** Parses the {@code transport/port} form of {@link #toString()}. */
    public static PortKey parse(String key) {
        int slash = key == null ? -1 : key.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("a port key reads transport/port, e.g. tcp/3283: " + key);
        }
        try {
            return new PortKey(Transport.parse(key.substring(0, slash)), Integer.parseInt(key.substring(slash + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a port key reads transport/port, e.g. tcp/3283: " + key, e);
        }
    }

    @Override
    public String toString() {
        return transport.wireName() + "/" + port;
    }
}
