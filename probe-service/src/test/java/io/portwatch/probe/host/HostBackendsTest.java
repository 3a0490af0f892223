package io.portwatch.probe.host;

import io.portwatch.probe.config.ProbeConfig.Backend;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The backend {@code auto} stands for on each system, and that a configured one stands everywhere. */
class HostBackendsTest {

    @Test
    void autoIsProcOnLinuxAndLsofOnMacOs() {
        assertThat(HostBackends.resolve(Backend.AUTO, "Linux")).isEqualTo(Backend.PROC);
        assertThat(HostBackends.resolve(Backend.AUTO, "Mac OS X")).isEqualTo(Backend.LSOF);
    }

    @Test
    void aConfiguredBackendStandsOnEverySystem() {
        assertThat(HostBackends.resolve(Backend.LSOF, "Linux")).isEqualTo(Backend.LSOF);
        assertThat(HostBackends.resolve(Backend.PROC, "Mac OS X")).isEqualTo(Backend.PROC);
    }
}
