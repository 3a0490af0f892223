package io.portwatch.events.listener;

/**
 * The shapes of host ids, which decide who may speak for a host.
 * <ul>
 * <li>a node: its name, e.g. {@code mac-build-7} (a host-mode probe's own host);</li>
 * <li>a network namespace, container or pod of a node: {@code <node>/…}, reported by that node's probe;</li>
 * <li>an address a network probe reached: {@code <address>@<zone>}, e.g. {@code 10.0.0.5@office-lan}, so that
 *     two zones scanning one address keep apart.</li>
 * </ul>
 * A node name therefore never holds {@code /} or {@code @}.
 */
public final class HostIds {

    /** Separates a network host's address from its zone. */
    public static final char ZONE_SEPARATOR = '@';
    /** Separates a node from the namespaces under it. */
    public static final char NODE_SEPARATOR = '/';

    private HostIds() {
    }

    /** The host id of an address reached from a zone. @throws IllegalArgumentException when address is not an IP literal */
    public static String network(String zone, String address) {
        String canonical = Addresses.canonical(address)
                .orElseThrow(() -> new IllegalArgumentException("not an IP address: " + address));
        return canonical + ZONE_SEPARATOR + zone;
    }

    /** Whether a node name can be a node's host id: not blank, without {@code /} or {@code @}. */
    public static boolean validNode(String node) {
        return node != null && !node.isBlank() && node.indexOf(NODE_SEPARATOR) < 0 && node.indexOf(ZONE_SEPARATOR) < 0;
    }

    /** Whether a host id is the node itself or a namespace under it ({@code <node>/…}). */
    public static boolean underNode(String node, String hostId) {
        return validNode(node) && hostId != null
                && (hostId.equals(node) || hostId.length() > node.length() + 1
                        && hostId.startsWith(node) && hostId.charAt(node.length()) == NODE_SEPARATOR);
    }

    /** The node a host id belongs to (itself, or the part before the first {@code /}), or null for a network host. */
    public static String nodeOf(String hostId) {
        if (hostId == null) {
            return null;
        }
        int slash = hostId.indexOf(NODE_SEPARATOR);
        if (slash >= 0) {
            return hostId.substring(0, slash);
        }
        return hostId.indexOf(ZONE_SEPARATOR) >= 0 ? null : hostId;
    }
}
