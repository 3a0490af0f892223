package io.portwatch.probe.host;

import io.portwatch.probe.config.ProbeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: down while host mode's backend cannot read the node's listeners (lsof missing or failing) or sees only part
 * of them (lsof not run as root), with the reason; up in network mode.
 */
@Readiness
@ApplicationScoped
public class HostInventoryHealth implements HealthCheck {

    private final HostProbe probe;
    private final boolean enabled;

    public HostInventoryHealth(HostProbe probe, ProbeConfig config) {
        this.probe = probe;
        this.enabled = config.hostMode().enabled();
    }

    @Override
    public HealthCheckResponse call() {
        if (!enabled) {
            return HealthCheckResponse.named("probe-host-inventory").up().withData("hostMode", false).build();
        }
        String problem = probe.problem().orElse("");
        return HealthCheckResponse.named("probe-host-inventory")
                .status(problem.isEmpty())
                .withData("backend", probe.backend())
                .withData("problem", problem)
                .build();
    }
}
