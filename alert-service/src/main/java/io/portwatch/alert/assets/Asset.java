package io.portwatch.alert.assets;

import io.portwatch.events.finding.Severity;

import java.util.List;
import java.util.Map;

/**
 * A machine as the findings API shows it.
 *
 * @param id           the asset id: a node's host id, or a network host id ({@code <address>@<zone>}) that joins no node
 * @param names        the host names its findings were reported with, sorted
 * @param hostIds      the hosts on it: the node, its namespaces, the network hosts joined to it; sorted
 * @param addresses    the addresses its node claims, by zone
 * @param openFindings how many of its findings are neither resolved nor suppressed, per severity (every severity, most
 *                     severe first; zero included)
 */
public record Asset(String id, List<String> names, List<String> hostIds, List<Address> addresses, Map<Severity, Long> openFindings) {

    /**
     * An address the asset's node claims.
     *
     * @param address   canonical
     * @param zone      the zone of the probe that reported the node
     * @param ambiguous true when another asset claims it in that zone too: then it joins neither
     */
    public record Address(String address, String zone, boolean ambiguous) {
    }
}
