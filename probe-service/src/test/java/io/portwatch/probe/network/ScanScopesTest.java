package io.portwatch.probe.network;

import io.portwatch.events.knowledge.Transport;
import io.portwatch.events.listener.PortSet;
import io.portwatch.events.listener.SnapshotScope;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ScanScopesTest {

    @Test
    void aScanIsOneScopeOfItsPortsPerTransportWrittenAsRanges() {
        ScanPlan plan = ScanPlan.of(new ScanRequest(List.of("127.0.0.1"), "3000-3100,22,80,81", List.of("udp", "tcp"), false), 1_000_000);

        assertThat(ScanScopes.of(plan)).containsExactly(new SnapshotScope(List.of(
                new PortSet(Transport.TCP, "22,80-81,3000-3100"), new PortSet(Transport.UDP, "22,80-81,3000-3100"))));
    }

    @Test
    void scatteredPortsAreSplitIntoScopesThatTogetherCoverExactlyThem() {
        String everyOtherPort = String.join(",", IntStream.iterate(1, port -> port <= 65_535, port -> port + 2).mapToObj(Integer::toString).toList());
        ScanPlan plan = ScanPlan.of(new ScanRequest(List.of("127.0.0.1"), everyOtherPort, List.of("tcp", "udp"), false), 1_000_000);

        List<SnapshotScope> scopes = ScanScopes.of(plan);

        assertThat(scopes).hasSizeGreaterThan(1);
        for (Transport transport : List.of(Transport.TCP, Transport.UDP)) {
            for (int port : new int[] {1, 2, 3, 4_095, 4_096, 40_001, 65_534, 65_535}) {
                long covering = scopes.stream().filter(scope -> scope.covers(transport, port)).count();
                assertThat(covering).as(transport + "/" + port).isEqualTo(port % 2 == 1 ? 1 : 0);
            }
        }
        assertThat(scopes).allSatisfy(scope -> assertThat(scope.covers(Transport.SCTP, 1)).isFalse());
    }
}
