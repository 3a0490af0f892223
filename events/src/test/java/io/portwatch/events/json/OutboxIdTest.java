package io.portwatch.events.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutboxIdTest {

    private static final String SOURCE = "/portwatch/alert-service";

    @Test
    void readsTheIdItWrote() {
        Headers headers = new RecordHeaders().add(OutboxId.header(4711));

        assertThat(OutboxId.of(headers)).isEqualTo(OptionalLong.of(4711));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "007", "12a", " 12", "9999999999999999999", "1e3", "\u0000"})
    void aValueThatIsNotAnOutboxIdReadsAsNone(String value) {
        Headers headers = new RecordHeaders().add(OutboxId.HEADER, value.getBytes(StandardCharsets.UTF_8));

        assertThat(OutboxId.of(headers)).isEmpty();
    }

    @Test
    void anIdCountsOnlyFromTheNamedSource() {
        Headers ours = new RecordHeaders().add(OutboxId.header(12)).add(CloudEvent.SOURCE_HEADER, bytes(SOURCE));
        Headers theirs = new RecordHeaders().add(OutboxId.header(12)).add(CloudEvent.SOURCE_HEADER, bytes("/somebody/else"));
        Headers anonymous = new RecordHeaders().add(OutboxId.header(12));

        assertThat(OutboxId.sentBy(ours, SOURCE)).isEqualTo(OptionalLong.of(12));
        assertThat(OutboxId.sentBy(theirs, SOURCE)).isEmpty();
        assertThat(OutboxId.sentBy(anonymous, SOURCE)).isEmpty();
    }

    @Test
    void theLastHeaderCounts() {
        Headers headers = new RecordHeaders().add(OutboxId.header(1)).add(OutboxId.header(2));

        assertThat(OutboxId.of(headers)).isEqualTo(OptionalLong.of(2));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
