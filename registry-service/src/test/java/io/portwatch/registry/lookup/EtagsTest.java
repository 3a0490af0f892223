package io.portwatch.registry.lookup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** If-None-Match as RFC 9110 reads it: a star or a list of entity tags, compared weakly; anything else names nothing. */
class EtagsTest {

    private static final String ETAG = "\"tcp.3-udp.1\"";

    @ParameterizedTest
    @ValueSource(strings = {"\"tcp.3-udp.1\"", "W/\"tcp.3-udp.1\"", "*", " * ", "\"x\", \"tcp.3-udp.1\"", "\"x\",W/\"tcp.3-udp.1\" ,\"y\"",
            ",,\t\"tcp.3-udp.1\"\t,"})
    void headerNamingTheTagMatches(String header) {
        assertThat(Etags.noneMatch(header, ETAG)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", ",", ",,,", "W/", "\"", "tcp.3-udp.1", "\"tcp.3-udp.1", "\"tcp.3-udp.2\"", "\"TCP.3-UDP.1\"",
            "w/\"tcp.3-udp.1\"", "\"tcp.3-udp.1\"x", "**", "\"*\"", "W/W/\"tcp.3-udp.1\"", "\u0000\"tcp.3-udp.1\""})
    void headerNotNamingTheTagDoesNotMatch(String header) {
        assertThat(Etags.noneMatch(header, ETAG)).isFalse();
    }

    @Test
    void hugeHeaderIsReadToItsEndWithoutMatching() {
        String header = "\"a\",".repeat(100_000);

        assertThat(Etags.noneMatch(header, ETAG)).isFalse();
        assertThat(Etags.noneMatch(header + ETAG, ETAG)).isTrue();
    }
}
