package io.portwatch.probe.host.owners;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The start time from a stat line, whatever name the process gave itself. */
class ProcessStampTest {

    private static final String AFTER_NAME = " S 1 100 100 0 -1 4194560 2870 0 0 0 12 5 0 0 20 0 1 0 987654 11993088 2263 18446744073709551615";

    @Test
    void theStartTimeIsField22() {
        assertThat(ProcessStamp.startTime("4242 (python3)" + AFTER_NAME + "\n")).isEqualTo(987654);
    }

    @Test
    void aNameHoldingParenthesesAndNumbersCannotShiftTheFields() {
        assertThat(ProcessStamp.startTime("4242 (x) S 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 5 (y)" + AFTER_NAME)).isEqualTo(987654);
    }

    @Test
    void aLineWithTooFewFieldsHasNoStartTime() {
        assertThat(ProcessStamp.startTime("4242 (python3) S 1 100")).isEqualTo(-1);
    }

    @Test
    void aStartTimeThatIsNotDigitsIsRefused() {
        assertThat(ProcessStamp.startTime("4242 (p)" + AFTER_NAME.replace("987654", "-987654"))).isEqualTo(-1);
        assertThat(ProcessStamp.startTime("4242 (p)" + AFTER_NAME.replace("987654", "99999999999999999999"))).isEqualTo(-1);
    }

    @Test
    void aLineWithoutTheNameOrFarTooLongIsRefused() {
        assertThat(ProcessStamp.startTime("4242 python3" + AFTER_NAME.replace(")", ""))).isEqualTo(-1);
        assertThat(ProcessStamp.startTime("4242 (p)" + AFTER_NAME + " 1".repeat(5000))).isEqualTo(-1);
    }
}
