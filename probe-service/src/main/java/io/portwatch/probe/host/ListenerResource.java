package io.portwatch.probe.host;

import io.portwatch.events.listener.Listener;
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
}
