package io.portwatch.alert.api;

import io.portwatch.alert.config.AlertConfig;
import io.portwatch.alert.live.LiveChange;
import io.portwatch.alert.live.LiveFindings;
import io.portwatch.http.ProblemException;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.time.Duration;

/**
 * Finding changes as server-sent events, for the console: one event {@code finding} per change published on
 * {@code portwatch.alerts} from the moment of the request (same read roles as the findings list), and a comment
 * every {@value #KEEP_ALIVE_SECONDS} s so that proxies keep the stream and a client that vanished is noticed. A
 * client that falls behind loses the newest changes (counted): the stream holds up to {@code live-stream-buffer}
 * of them, asked for three quarters at a time, so the loss starts between a quarter and all of it behind.
 */
@Path("/api/v1/findings/live")
public class LiveResource {

    static final long KEEP_ALIVE_SECONDS = 20;

    private final LiveFindings live;
    private final int buffer;

    public LiveResource(LiveFindings live, AlertConfig config) {
        this.live = live;
        this.buffer = config.console().liveStreamBuffer();
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @APIResponse(responseCode = "200", description = "The stream of finding changes")
    @APIResponse(responseCode = "401", ref = ProblemResponses.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ProblemResponses.FORBIDDEN)
    @APIResponse(responseCode = "503", ref = ProblemResponses.UNAVAILABLE)
    @Operation(summary = "Finding changes as they are published (server-sent events named finding: {change, finding}); "
            + "503 when portwatch.alert.console.max-live-streams are open")
    public Multi<OutboundSseEvent> stream(@Context Sse sse) {
        Multi<LiveChange> changes = live.subscribe().orElseThrow(() -> new ProblemException(503, "Too many live streams",
                "this instance serves its most live streams (portwatch.alert.console.max-live-streams); try again later"));
        Multi<OutboundSseEvent> events = changes.map(change -> sse.newEventBuilder().name("finding")
                .mediaType(MediaType.APPLICATION_JSON_TYPE).data(LiveChange.class, change).build());
        Multi<OutboundSseEvent> keepAlive = Multi.createFrom().ticks().every(Duration.ofSeconds(KEEP_ALIVE_SECONDS))
                .map(tick -> sse.newEventBuilder().comment("keep-alive").build());
        // The merge requests live-stream-buffer changes ahead, then three quarters of that each time the client has
        // taken as many, and holds them until the client takes them: the stream's buffer, past which LiveFindings
        // drops the newest for it.
        return Multi.createBy().merging().withRequests(buffer).streams(events, keepAlive);
    }
}
