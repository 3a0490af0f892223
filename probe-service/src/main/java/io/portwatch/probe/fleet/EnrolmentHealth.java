package io.portwatch.probe.fleet;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness: down while the probe has no fleet identity yet (it scans nothing meanwhile), with the reason. */
@Readiness
@ApplicationScoped
public class EnrolmentHealth implements HealthCheck {

    private final FleetIdentity fleet;
    private final Enrolment enrolment;

    public EnrolmentHealth(FleetIdentity fleet, Enrolment enrolment) {
        this.fleet = fleet;
        this.enrolment = enrolment;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("probe-enrolment")
                .status(fleet.ready())
                .withData("probeId", fleet.probeId())
                .withData("signed", fleet.credentials().isPresent())
                .withData("problem", enrolment.problem().orElse(""))
                .build();
    }
}
