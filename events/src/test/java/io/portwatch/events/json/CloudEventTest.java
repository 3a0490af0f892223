package io.portwatch.events.json;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CloudEventTest {

    private static final CloudEvent OPENED = new CloudEvent(CloudEvent.SPEC_VERSION, "id-1", "/portwatch/alert-service",
            "portwatch.finding.opened", Instant.parse("2026-11-24T10:00:00Z"), CloudEvent.JSON);

    @Test
    void headersWrittenAreReadBack() {
        assertThat(CloudEvent.from(OPENED.writeTo(new RecordHeaders()))).isEqualTo(OPENED);
    }

    @Test
    void usesTheBinaryModeHeaderNames() {
        RecordHeaders headers = new RecordHeaders();
        OPENED.writeTo(headers);

        assertThat(text(headers, "ce_specversion")).isEqualTo("1.0");
        assertThat(text(headers, "ce_type")).isEqualTo("portwatch.finding.opened");
        assertThat(text(headers, "ce_time")).isEqualTo("2026-11-24T10:00:00Z");
        assertThat(text(headers, "content-type")).isEqualTo("application/json");
    }

    @Test
    void timeIsOptional() {
        CloudEvent untimed = new CloudEvent("1.0", "id", "/s", "t", null, null);

        assertThat(CloudEvent.from(untimed.writeTo(new RecordHeaders())).time()).isNull();
    }

    @Test
    void aMissingRequiredHeaderIsNamed() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> CloudEvent.from(headers))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("ce_id");
    }

    @Test
    void aBadTimeIsAMalformedEvent() {
        RecordHeaders headers = new RecordHeaders();
        new CloudEvent("1.0", "id", "/s", "t", null, null).writeTo(headers);
        headers.add("ce_time", "yesterday".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> CloudEvent.from(headers)).hasMessageContaining("ISO-8601");
    }

    private static String text(RecordHeaders headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
