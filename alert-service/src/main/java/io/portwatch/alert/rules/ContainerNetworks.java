package io.portwatch.alert.rules;

import io.portwatch.events.finding.Severity;
import io.portwatch.events.listener.Listener;

/**
 * Exposure judged inside the listener's network namespace. A container's or pod's {@code 0.0.0.0} is
 * every interface of that namespace: its container bridge or the cluster's pod network, where other
 * containers and pods (and an attacker who got into one) reach it, but not the node's own interfaces
 * unless a port mapping or Service publishes it. Such a finding is one step less severe than the same
 * listener on the node's interfaces; INFO stays INFO.
 */
final class ContainerNetworks {

    private ContainerNetworks() {
    }

    /** The verdict as it applies to where the listener lives. */
    static Verdict judge(Verdict verdict, Listener listener) {
        if (!listener.inContainerNetwork() || verdict.severity() == Severity.INFO) {
            return verdict;
        }
        Severity lower = verdict.severity() == Severity.LOW ? Severity.LOW : Severity.values()[verdict.severity().ordinal() - 1];
        return new Verdict(verdict.rule(), lower, verdict.title(), verdict.description()
                + " It listens inside " + Exposures.namespaceOf(listener) + "'s network namespace: reachable from that network"
                + " (other containers or pods), not on the node's own interfaces unless a port mapping or Service publishes it.");
    }
}
