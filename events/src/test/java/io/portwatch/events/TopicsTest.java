package io.portwatch.events;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopicsTest {

    @Test
    void alertRouteIsASubTopicOfAlerts() {
        assertThat(Topics.alertRoute("paging")).isEqualTo("portwatch.alerts.paging");
    }

    @Test
    void alertRouteRefusesNamesThatAreNotTopicSafe() {
        assertThatThrownBy(() -> Topics.alertRoute("Paging Team")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Topics.alertRoute("")).isInstanceOf(IllegalArgumentException.class);
    }
}
