package io.portwatch.probe.fleet;

import io.portwatch.events.listener.ProbeInfo;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import java.util.Map;

/**
 * Every check of {@link SignedHostProbeTest} (enrolment, signed listener records, signed heartbeats with the last scan)
 * with the lsof backend, Debian's lsof on this machine: the backend only changes where listeners come from.
 */
@QuarkusTest
@TestProfile(SignedLsofHostProbeTest.EnrolledWithLsof.class)
class SignedLsofHostProbeTest extends SignedHostProbeTest {

    /** The host profile of {@link FakeAlertServiceResource}, reading listeners with lsof. */
    public static class EnrolledWithLsof extends Enrolled {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("portwatch.probe.host-mode.backend", "lsof");
        }
    }

    @Override
    protected String backend() {
        return ProbeInfo.LSOF_BACKEND;
    }
}
