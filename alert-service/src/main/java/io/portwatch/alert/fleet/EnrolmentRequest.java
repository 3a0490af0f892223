package io.portwatch.alert.fleet;

import io.portwatch.events.listener.ProbeMode;

import java.util.List;

/**
 * The body of {@code POST /api/v1/probes/enrolments}.
 *
 * @param enrolSecret the fleet's enrol secret: the credential of this request
 * @param node        host mode: the node's host id; network mode: the scanner's name (no {@code /} or {@code @})
 * @param mode        HOST or NETWORK
 * @param zone        the network zone the probe sees from (no {@code /} or {@code @})
 * @param scopes      network mode: the CIDRs it will scan, each inside {@code portwatch.alert.fleet.network-scopes};
 *                    empty in host mode
 */
public record EnrolmentRequest(String enrolSecret, String node, ProbeMode mode, String zone, List<String> scopes) {
}
