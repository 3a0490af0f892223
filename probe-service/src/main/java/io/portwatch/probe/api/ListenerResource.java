package io.portwatch.probe.api;

import io.portwatch.events.listener.Listener;
import io.portwatch.probe.host.HostProbe;
import io.portwatch.probe.host.NamespaceScan;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.List;

/** What this probe sees now. */
@Path("/api/v1/listeners")
@Produces(MediaType.APPLICATION_JSON)
public class ListenerResource {

    private final HostProbe probe;

    public ListenerResource(HostProbe probe) {
        this.probe = probe;
    }

    @GET
    @Operation(summary = "The listeners of this probe's last host scan")
    public List<Listener> listeners() {
        return probe.current();
    }

    @GET
    @Path("/hosts")
    @Operation(summary = "The hosts of this probe's last host scan (the node, then each container, pod or other network namespace) with their listeners")
    public List<NamespaceScan> hosts() {
        return probe.currentHosts();
    }
}
