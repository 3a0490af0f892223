package io.portwatch.alert.api;

import io.portwatch.alert.config.AlertConfig;
import io.portwatch.alert.findings.FindingDetails;
import io.portwatch.alert.findings.FindingLifecycle;
import io.portwatch.alert.findings.FindingOverview;
import io.portwatch.alert.findings.FindingSearch;
import io.portwatch.alert.findings.FindingSort;
import io.portwatch.alert.findings.FindingStatistics;
import io.portwatch.alert.findings.Page;
import io.portwatch.events.finding.FindingEvent;
import io.portwatch.events.finding.FindingState;
import io.portwatch.events.finding.Severity;
import io.portwatch.http.BadInputException;
import io.portwatch.http.Params;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.time.Instant;
import java.util.List;

/** The findings API: list and read findings (open by default); analysts' actions (role {@value #ANALYST}) are {@link FindingActionResource}. */
@Path("/api/v1/findings")
@Produces(MediaType.APPLICATION_JSON)
public class FindingResource {

    static final String ANALYST = "analyst";

    static final String TRUNCATED_HEADER = "Portwatch-Export-Truncated";
    private static final int MAX_DAYS = 90;
    private static final int TOP_SERVICES = 10;

    private final FindingLifecycle lifecycle;
    private final FindingSearch search;
    private final FindingStatistics statistics;
    private final AlertConfig config;

    public FindingResource(FindingLifecycle lifecycle, FindingSearch search, FindingStatistics statistics,
            AlertConfig config) {
        this.lifecycle = lifecycle;
        this.search = search;
        this.statistics = statistics;
        this.config = config;
    }

    @GET
    @APIResponse(responseCode = "200", description = "A page of findings")
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ProblemResponses.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ProblemResponses.FORBIDDEN)
    @APIResponse(responseCode = "503", ref = ProblemResponses.UNAVAILABLE)
    @Operation(summary = "Findings, most severe and most recently seen first; filters are optional (host and asset ids "
            + "with an address are matched in its canonical form); pages reach row portwatch.alert.max-list-offset, the "
            + "search's cursor goes further")
    public Page<FindingEvent> list(@QueryParam("state") String state, @QueryParam("severity") String severity,
            @QueryParam("host") String host, @QueryParam("asset") String asset, @QueryParam("port") String port,
            @QueryParam("page") @DefaultValue("0") String page, @QueryParam("size") @DefaultValue("20") String size) {
        int pageSize = Math.min(Params.number(size, "size", 1, Integer.MAX_VALUE), config.maxPageSize());
        int pageNumber = Params.number(page, "page", 0, 1_000_000);
        if ((long) pageNumber * pageSize > config.maxListOffset()) {
            throw new BadInputException("page " + pageNumber + " of size " + pageSize + " starts beyond row " + config.maxListOffset()
                    + ": page further with /api/v1/findings/search and its cursor");
        }
        return lifecycle.list(Params.optionalEnum(state, FindingState.class, "state"), Params.optionalEnum(severity, Severity.class, "severity"),
                HostIdInput.canonical(host, "host"), HostIdInput.canonical(asset, "asset"),
                port == null || port.isBlank() ? null : Params.number(port, "port", 0, 65_535),
                pageNumber, pageSize);
    }

    @GET
    @Path("/search")
    @APIResponse(responseCode = "200", description = "A page of findings and the cursor of the next")
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ProblemResponses.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ProblemResponses.FORBIDDEN)
    @APIResponse(responseCode = "503", ref = ProblemResponses.UNAVAILABLE)
    @Operation(summary = "Findings matching the filters, paged by cursor: the order (severity, lastSeen or firstSeen, each "
            + "then by id) is total, so following nextCursor never repeats or skips a finding that did not change; with "
            + "sort=updated (least recently changed first) a finding that changes meanwhile comes again behind the cursor, "
            + "so no change is missed; updatedSince (RFC 3339) keeps findings changed at or after it")
    public CursorPage<FindingEvent> search(@BeanParam FindingQuery query, @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("50") String limit) {
        FindingSort sort = query.sort();
        FindingSearch.Result result = search.page(query.filter(), sort, Cursors.decode(cursor, sort),
                Params.number(limit, "limit", 1, config.maxPageSize()));
        return new CursorPage<>(result.items(), Cursors.encode(result.next()), result.total());
    }

    @GET
    @Path("/export")
    @Produces({"text/csv", MediaType.APPLICATION_JSON})
    @APIResponse(responseCode = "200", description = "The findings as CSV or a JSON array")
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ProblemResponses.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ProblemResponses.FORBIDDEN)
    @APIResponse(responseCode = "503", ref = ProblemResponses.UNAVAILABLE)
    @Operation(summary = "Every finding matching the filters (up to portwatch.alert.console.max-export-rows, header "
            + TRUNCATED_HEADER + " when cut) as CSV or JSON")
    public Response export(@BeanParam FindingQuery query,
            @QueryParam("format") @DefaultValue("csv") @Pattern(regexp = "csv|json", message = "format is csv or json") String format) {
        boolean csv = format.equals("csv");
        int max = config.console().maxExportRows();
        List<FindingEvent> rows = search.export(query.filter(), query.sort(), max + 1);
        boolean truncated = rows.size() > max;
        List<FindingEvent> findings = truncated ? rows.subList(0, max) : rows;
        return Response.ok(csv ? FindingCsv.of(findings) : findings, csv ? "text/csv; charset=utf-8" : MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"findings." + format + "\"")
                .header(TRUNCATED_HEADER, truncated)
                .build();
    }

    @GET
    @Path("/overview")
    @APIResponse(responseCode = "200", description = "The overview")
    @APIResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ProblemResponses.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ProblemResponses.FORBIDDEN)
    @APIResponse(responseCode = "503", ref = ProblemResponses.UNAVAILABLE)
    @Operation(summary = "Open findings by severity, rule and service, findings per state, and a timeline of findings "
            + "opened and resolved (hourly for days=1, daily up to 90 days)")
    public FindingOverview overview(@QueryParam("days") @DefaultValue("14") String days) {
        return statistics.overview(Params.number(days, "days", 1, MAX_DAYS), TOP_SERVICES, Instant.now());
    }

    @GET
    @Path("/{id}")
    @APIResponse(responseCode = "200", description = "The finding and its history")
    @APIResponse(responseCode = "401", ref = ProblemResponses.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ProblemResponses.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
    @APIResponse(responseCode = "503", ref = ProblemResponses.UNAVAILABLE)
    @Operation(summary = "One finding with its full history")
    public FindingDetails get(@PathParam("id") String id) {
        return lifecycle.details(id);
    }
}
