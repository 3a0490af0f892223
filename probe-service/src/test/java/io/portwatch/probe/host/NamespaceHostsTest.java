package io.portwatch.probe.host;

import io.portwatch.events.contract.ContractLimits;
import io.portwatch.events.listener.ContainerInfo;
import io.portwatch.events.listener.HostInfo;
import io.portwatch.events.listener.NetworkNamespace;
import io.portwatch.events.listener.PodInfo;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NamespaceHostsTest {

    private static final HostInfo NODE = new HostInfo("node-1", "node-1.example", List.of("192.0.2.10"));
    private static final NetworkNamespace OTHER = new NetworkNamespace(4026532301L, false, null);
    private static final String ID = "3f2a1b9c0d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8";

    private static final List<String> ADDRESSES = List.of("192.0.2.11", "2001:db8::11");

    @Test
    void theHostsOwnNamespaceIsTheNodeWithItsInterfaceAddresses() {
        assertThat(NamespaceHosts.of(NODE, new NetworkNamespace(4026531840L, true, null), null, ADDRESSES))
                .isEqualTo(new HostInfo("node-1", "node-1.example", ADDRESSES));
    }

    @Test
    void aPodIsKeyedByItsUidUnderTheNode() {
        HostInfo pod = NamespaceHosts.of(NODE, OTHER, new ContainerInfo(ID, "containerd", null, new PodInfo("0f4e-uid", "shop", "web-0")), ADDRESSES);

        assertThat(pod).isEqualTo(new HostInfo("node-1/pod/0f4e-uid", "pod shop/web-0 on node-1.example", ADDRESSES, "node-1"));
    }

    @Test
    void aContainerIsKeyedByItsShortId() {
        assertThat(NamespaceHosts.of(NODE, OTHER, new ContainerInfo(ID, "docker", null, null), List.of()).id()).isEqualTo("node-1/container/3f2a1b9c0d4e");
    }

    @Test
    void aNamedNamespaceByItsNameAndAnyOtherByItsInode() {
        assertThat(NamespaceHosts.of(NODE, new NetworkNamespace(7, false, "blue"), null, List.of()).id()).isEqualTo("node-1/netns/blue");
        assertThat(NamespaceHosts.of(NODE, OTHER, null, List.of()).id()).isEqualTo("node-1/netns/4026532301");
    }

    @Test
    void aNameTooLongForAnIdFallsBackToTheInodeAndTheLabelIsCut() {
        String longName = "n".repeat(ContractLimits.NAME);

        HostInfo host = NamespaceHosts.of(NODE, new NetworkNamespace(7, false, longName), null, List.of());

        assertThat(host.id()).isEqualTo("node-1/netns/7");
        assertThat(host.name()).hasSize(ContractLimits.NAME);
    }
}
