package io.portwatch.alert.suppression;

import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.Listener;
import io.portwatch.events.listener.ProcessInfo;

import java.time.Instant;
import java.util.List;

/**
 * An analyst's standing decision that findings matching it are SUPPRESSED: e.g. port 3031 on hosts
 * matching {@code mac-build-*} with process rapportd. Every condition given must hold; null means any.
 *
 * @param id          policy id
 * @param rule        rule id
 * @param transport   transport
 * @param port        port
 * @param hostPattern glob ({@code *} and {@code ?}) on the host's id or name
 * @param process     the owners' executable path (absolute), or the name they give themselves, ignoring case
 * @param reason      why
 * @param createdBy   who
 * @param createdAt   when
 */
public record SuppressionPolicy(long id, String rule, Transport transport, Integer port, String hostPattern, String process,
        String reason, String createdBy, Instant createdAt) {

    /** Whether a finding of this rule about this listener (null for a fleet finding) of this host is suppressed by the policy. */
    public boolean matches(String findingRule, HostInfo host, Listener listener) {
        return matches(findingRule, host, listener, hostPattern == null ? null : Glob.compile(hostPattern));
    }

    /** {@link #matches(String, HostInfo, Listener)} with the host pattern compiled once, as the policies in memory keep it. */
    boolean matches(String findingRule, HostInfo host, Listener listener, Glob hosts) {
        // A fleet finding has no listener: only a policy without listener conditions can match it.
        if (listener == null && (transport != null || port != null || process != null)) {
            return false;
        }
        return (rule == null || rule.equals(findingRule))
                && (transport == null || transport == listener.transport())
                && (port == null || port == listener.port())
                && (hosts == null || hosts.matches(host.id()) || host.name() != null && hosts.matches(host.name()))
                && (process == null || ownedBy(listener));
    }

    /**
     * An absolute path names the executable every owner must run (what a process cannot choose); anything else
     * is the name the owner calls itself, ignoring case (what it can: a weaker condition, for people who know).
     */
    private boolean ownedBy(Listener listener) {
        List<ProcessInfo> owners = listener.owners();
        if (owners.isEmpty()) {
            return false;
        }
        return process.startsWith("/")
                ? owners.stream().allMatch(owner -> owner.exeIntact() && owner.exe().equals(process))
                : owners.stream().allMatch(owner -> owner.name() != null && owner.name().equalsIgnoreCase(process));
    }
}
