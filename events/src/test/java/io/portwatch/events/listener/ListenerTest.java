package io.portwatch.events.listener;

import io.portwatch.events.knowledge.PortKey;
import io.portwatch.events.knowledge.Transport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ListenerTest {

    @Test
    void endpointBracketsIpv6Addresses() {
        assertThat(listener("::1", 6).endpoint()).isEqualTo("tcp/[::1]:3031");
        assertThat(listener("127.0.0.1", 4).endpoint()).isEqualTo("tcp/127.0.0.1:3031");
    }

    @Test
    void portKeyDropsTheAddress() {
        assertThat(listener("::1", 6).portKey()).isEqualTo(new PortKey(Transport.TCP, 3031));
    }

    @Test
    void amplificationRatioIsResponseOverRequest() {
        assertThat(new Evidence("arms-status", 32, 1034, null, null, null, null, null).amplificationRatio())
                .isEqualTo(1034 / 32.0);
        assertThat(new Evidence("tcp-connect", null, null, null, null, null, null, null).amplificationRatio()).isNull();
    }

    @Test
    void cloudEventTypeNamesTheChange() {
        assertThat(ListenerEventType.OPENED.cloudEventType()).isEqualTo("portwatch.listener.opened");
    }

    private static Listener listener(String address, int ipVersion) {
        return new Listener(Transport.TCP, address, 3031, ipVersion, Exposure.LOOPBACK, null, null);
    }
}
