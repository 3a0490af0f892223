package io.portwatch.events.json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IsoInstantsTest {

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-24T10:15:30Z", "2026-11-24T10:15:30.1Z", "2026-11-24T10:15:30.12Z",
            "2026-11-24T10:15:30.123456Z", "2026-11-24T10:15:30.123456789Z", "2024-02-29T23:59:59.999999999Z",
            "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.5Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z"})
    void readsTheCanonicalFormItselfAsInstantParseDoes(String text) {
        assertThat(IsoInstants.canonical(text)).isEqualTo(Instant.parse(text));
        assertThat(IsoInstants.parse(text)).isEqualTo(Instant.parse(text));
    }

    @Test
    void readsWhatInstantToStringWritesWithAnyNumberOfFractionDigits() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_799L), random.nextInt(1_000_000_000));
            String written = instant.toString();
            int fractionDigits = random.nextInt(10);
            String text = fractionDigits == 0 ? written.substring(0, 19) + "Z"
                    : (written.substring(0, 19) + "." + String.format("%09d", instant.getNano())).substring(0, 20 + fractionDigits) + "Z";

            assertThat(IsoInstants.canonical(text)).as(text).isNotNull().isEqualTo(Instant.parse(text));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-24T11:15:30+01:00", "2026-11-24t10:15:30.123z", "2026-12-31T23:59:60Z",
            "2026-11-24T24:00:00Z", "+12026-11-24T10:15:30Z", "2026-11-24T10:15:30.Z"})
    void leavesOtherValidFormsToInstantParse(String text) {
        assertThat(IsoInstants.canonical(text)).isNull();
        assertThat(IsoInstants.parse(text)).isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "now", "2026-02-30T00:00:00Z", "2025-02-29T00:00:00Z", "2026-13-01T00:00:00Z",
            "2026-00-10T00:00:00Z", "2026-11-00T00:00:00Z", "2026-11-24T10:60:00Z",
            "2026-11-24T10:15:30.1234567890Z", "2026-11-24T10:15:30", "2026-11-24 10:15:30Z", "2026-11-24T10:15:3aZ",
            "2026-1--24T10:15:30Z", "2026-11-24T10:15:30.-1Z"})
    void failsOnMalformedTextAsInstantParseDoes(String text) {
        assertThatThrownBy(() -> Instant.parse(text)).isInstanceOf(DateTimeParseException.class);
        assertThat(IsoInstants.canonical(text)).isNull();
        assertThatThrownBy(() -> IsoInstants.parse(text)).isInstanceOf(DateTimeParseException.class);
    }
}
