package io.portwatch.probe.network;

import io.portwatch.probe.config.ProbeConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/** The networks scans may target, from {@code portwatch.probe.network-mode.allowed-scopes}. */
@ApplicationScoped
public class ScopeAllowlist {

    private final List<Cidr> allowed;

    public ScopeAllowlist(ProbeConfig config) {
        this.allowed = config.networkMode().allowedScopes().stream().map(Cidr::parse).toList();
    }

    /** The first target that lies outside every allowed scope, if any. */
    public Optional<Cidr> firstOutside(List<Cidr> targets) {
        return targets.stream().filter(target -> allowed.stream().noneMatch(scope -> scope.contains(target))).findFirst();
    }

    /** The allowed scopes, for messages. */
    public List<Cidr> scopes() {
        return allowed;
    }
}
