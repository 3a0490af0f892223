package io.portwatch.alert.assets;

import io.portwatch.alert.Fixtures;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What the index keeps in memory: a node's event that says what it said before makes no claim to store. */
class AssetIndexMemoryTest {

    private final AssetIndex index = new AssetIndex(null);

    @Test
    void aNodeRepeatingItsAddressesClaimsNothingNew() {
        assertThat(index.newClaim(Fixtures.nodeSnapshot("n", "lab", List.of("10.1.2.3")))).isPresent();

        assertThat(index.newClaim(Fixtures.nodeSnapshot("n", "lab", List.of("10.1.2.3")))).isEmpty();
        assertThat(index.newClaim(Fixtures.nodeSnapshot("n", "lab", List.of("10.1.2.3", "10.1.2.4"))))
                .contains(new AssetClaim("n", "n", "lab", Set.of("10.1.2.3", "10.1.2.4")));
        assertThat(index.newClaim(Fixtures.nodeSnapshot("n", "other", List.of("10.1.2.3", "10.1.2.4")))).as("another zone").isPresent();
    }

    @Test
    void aForgottenNodeClaimsAgain() {
        index.newClaim(Fixtures.nodeSnapshot("n", "lab", List.of("10.1.2.3")));
        index.newClaim(Fixtures.nodeSnapshot("m", "lab", List.of("10.1.2.4")));

        index.forget(List.of("n"));
        assertThat(index.newClaim(Fixtures.nodeSnapshot("n", "lab", List.of("10.1.2.3")))).isPresent();
        assertThat(index.newClaim(Fixtures.nodeSnapshot("m", "lab", List.of("10.1.2.4")))).isEmpty();

        index.forgetAll();
        assertThat(index.newClaim(Fixtures.nodeSnapshot("m", "lab", List.of("10.1.2.4")))).isPresent();
    }

    @Test
    void aNodeWithoutAddressesClaimsNoneAndANetworkHostNothing() {
        assertThat(index.newClaim(Fixtures.nodeSnapshot("n", "lab", List.of()))).contains(new AssetClaim("n", "n", "lab", Set.of()));
        assertThat(index.newClaim(Fixtures.scan(Instant.now(), "lab", "10.1.2.3", null))).isEmpty();
    }
}
