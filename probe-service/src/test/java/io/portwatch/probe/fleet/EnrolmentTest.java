package io.portwatch.probe.fleet;

import io.portwatch.events.listener.ProbeMode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class EnrolmentTest {

    @Test
    void probesStartedInOneDirectoryKeepTheirStateApart() {
        assertThat(Enrolment.defaultStateFile("node-a", ProbeMode.HOST, "lab"))
                .isEqualTo(Path.of(".portwatch/probe/enrolment-node-a-host-lab.json"));
        assertThat(Enrolment.defaultStateFile("scanner", ProbeMode.NETWORK, "lab"))
                .isNotEqualTo(Enrolment.defaultStateFile("scanner", ProbeMode.NETWORK, "office"));
    }

    @Test
    void aNodeOrZoneNeverLeavesTheStateDirectory() {
        Path file = Enrolment.defaultStateFile("..", ProbeMode.HOST, "../../etc/cron.d/x");

        assertThat(file.getParent()).isEqualTo(Path.of(".portwatch/probe"));
        assertThat(file.getFileName().toString()).isEqualTo("enrolment-..-host-.._.._etc_cron.d_x.json");
    }
}
