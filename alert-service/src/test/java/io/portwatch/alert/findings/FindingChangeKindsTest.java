package io.portwatch.alert.findings;

import io.portwatch.events.contract.FindingChangeRecord;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** What alert-service publishes is what every subscriber's {@link FindingChangeRecord} takes: no kind is refused, none unknown. */
class FindingChangeKindsTest {

    @Test
    void everyKindPublishedIsAKindSubscribersTakeAndNoOther() {
        assertThat(Arrays.stream(FindingChange.Kind.values()).map(kind -> kind.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet())).isEqualTo(FindingChangeRecord.KINDS);
        assertThat(FindingChange.Kind.RESTORED.cloudEventType()).isEqualTo("portwatch.finding.restored");
    }
}
