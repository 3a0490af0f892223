package io.portwatch.probe.host;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The listening sockets in {@code ss -H -tuln} output, written as {@link io.portwatch.events.listener.Listener#endpoint()} writes them. */
final class SsListeners {

    private SsListeners() {
    }

    /** Each line's local endpoint as "transport/address:port". */
    static Set<String> endpoints(List<String> lines) {
        Set<String> endpoints = new HashSet<>();
        for (String line : lines) {
            String[] fields = line.trim().split("\\s+");
            String local = fields[4];
            int colon = local.lastIndexOf(':');
            endpoints.add(fields[0] + "/" + normalize(local.substring(0, colon)) + ":" + local.substring(colon + 1));
        }
        return endpoints;
    }

    /** ss writes [::1], *, 127.0.0.1%lo; the probe writes ::1, the socket's wildcard, 127.0.0.1. */
    private static String normalize(String address) {
        String bare = address.replace("[", "").replace("]", "");
        int scope = bare.indexOf('%');
        bare = scope >= 0 ? bare.substring(0, scope) : bare;
        bare = bare.startsWith("::ffff:") && bare.indexOf('.') > 0 ? bare.substring("::ffff:".length()) : bare;
        bare = bare.equals("*") ? "::" : bare;
        return bare.indexOf(':') >= 0 ? "[" + bare + "]" : bare;
    }
}
