package io.portwatch.alert.api;

import io.portwatch.alert.assets.Asset;
import io.portwatch.alert.assets.AssetDirectory;
import io.portwatch.alert.assets.AssetNotFoundException;
import io.portwatch.alert.config.AlertConfig;
import io.portwatch.alert.findings.Page;
import io.portwatch.http.Params;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The assets API: the machines findings are on, a node joined with the network hosts of the addresses it alone
 * claims in its zone (docs/fleet.md, Assets).
 */
@Path("/api/v1/assets")
@Produces(MediaType.APPLICATION_JSON)
public class AssetResource {

    private final AssetDirectory directory;
    private final AlertConfig config;

    public AssetResource(AssetDirectory directory, AlertConfig config) {
        this.directory = directory;
        this.config = config;
    }

    @GET
    @APIResponse(responseCode = "200", description = "A page of assets")
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ProblemResponses.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ProblemResponses.FORBIDDEN)
    @APIResponse(responseCode = "503", ref = ProblemResponses.UNAVAILABLE)
    @Operation(summary = "Assets by id, each with its names, host ids, addresses and open findings by severity")
    public Page<Asset> list(@QueryParam("page") @DefaultValue("0") String page, @QueryParam("size") @DefaultValue("20") String size) {
        int pageNumber = Params.number(page, "page", 0, 1_000_000);
        int pageSize = Math.min(Params.number(size, "size", 1, Integer.MAX_VALUE), config.maxPageSize());
        AssetDirectory.AssetPage assets = directory.list(pageNumber, pageSize);
        return new Page<>(assets.items(), pageNumber, pageSize, assets.total(), (int) ((assets.total() + pageSize - 1) / pageSize));
    }

    @GET
    @Path("/{id}")
    @APIResponse(responseCode = "200", description = "The asset")
    @APIResponse(responseCode = "401", ref = ProblemResponses.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ProblemResponses.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "503", ref = ProblemResponses.UNAVAILABLE)
    @Operation(summary = "One asset; an id with an address is matched in its canonical form (0:0:0:0:0:0:0:1@lab is ::1@lab)")
    public Asset get(@PathParam("id") String id) {
        String canonical = HostIdInput.canonical(id, "id");
        if (canonical == null) {
            throw new AssetNotFoundException(id);
        }
        return directory.get(canonical);
    }
}
