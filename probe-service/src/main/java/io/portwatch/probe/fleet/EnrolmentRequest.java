package io.portwatch.probe.fleet;

import io.portwatch.events.listener.ProbeMode;

import java.util.List;

/**
 * The body of {@code POST /api/v1/probes/enrolments} (docs/fleet.md).
 *
 * @param enrolSecret the enrol secret, the only credential of the request
 * @param node        the node to enrol as
 * @param mode        HOST or NETWORK
 * @param zone        the zone
 * @param scopes      network mode: the CIDRs the probe will scan; empty in host mode
 */
record EnrolmentRequest(String enrolSecret, String node, ProbeMode mode, String zone, List<String> scopes) {

    /** Without the secret, for logs. */
    @Override
    public String toString() {
        return "EnrolmentRequest[node=" + node + ", mode=" + mode + ", zone=" + zone + ", scopes=" + scopes + "]";
    }
}
