package io.portwatch.probe.host;

import io.portwatch.events.listener.Exposure;

/** Who can reach a socket, judged from the address it is bound to. */
final class Exposures {

    private Exposures() {
    }

    static Exposure ofBoundAddress(String address) {
        if (address.equals("0.0.0.0") || address.equals("::")) {
            return Exposure.ALL_INTERFACES;
        }
        if (address.startsWith("127.") || address.equals("::1")) {
            return Exposure.LOOPBACK;
        }
        return Exposure.SPECIFIC;
    }
}
