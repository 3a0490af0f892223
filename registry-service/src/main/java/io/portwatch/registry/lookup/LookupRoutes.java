package io.portwatch.registry.lookup;

import io.portwatch.events.knowledge.PortRange;
import io.portwatch.events.knowledge.Transport;
import io.portwatch.registry.config.RegistryConfig;
import io.quarkus.logging.Log;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Arrays;

/**
 * Answers the port lookups on the event loop from {@link LookupAnswers}, ahead of Quarkus REST and of the handlers
 * Quarkus runs for every request from the authentication handler on: a canonical port
 * (0-65535 without leading zeros) and transport (lower case) gets its pre-serialized answer, or 304 when
 * If-None-Match names its ETag. Everything else (a bad port or transport, another spelling, HEAD) goes on to
 * {@code KnowledgeResource}, which answers it or its Problem JSON. Not installed when reads require a token: then
 * {@code KnowledgeResource} answers every lookup behind the token check.
 */
@ApplicationScoped
public class LookupRoutes {

    static final String BY_PORT = "/api/v1/ports/:port";
    static final String BY_KEY = "/api/v1/ports/:port/:transport";
    /**
     * Quarkus installs its HTTP filters at order {@code -priority} (VertxHttpRecorder): the configured headers and the
     * body handler near {@code Integer.MIN_VALUE}, CORS at -300, the (lazy) authentication handler at -200, Quarkus
     * REST's URI-template handler for metrics at -199, authorization at -100. Reads are open when this route is
     * installed, so it runs right after CORS (its headers stay the same) and before the rest, which it does not need.
     */
    static final int ORDER = -SecurityHandlerPriorities.AUTHENTICATION - 1;

    private static final CharSequence JSON = HttpHeaders.createOptimized("application/json;charset=UTF-8");
    private static final Transport[] TRANSPORTS = Transport.values();
    private static final String[] WIRE_NAMES = Arrays.stream(TRANSPORTS).map(Transport::wireName).toArray(String[]::new);
    private static final int MAX_PORT_DIGITS = 5;

    private final LookupAnswers answers;
    private final RegistryConfig config;

    public LookupRoutes(LookupAnswers answers, RegistryConfig config) {
        this.answers = answers;
        this.config = config;
    }

    void install(@Observes Router router) {
        if (config.readsRequireToken()) {
            Log.info("Reads require a token: port lookups are served by Quarkus REST behind the token check");
            return;
        }
        router.get(BY_PORT).order(ORDER).handler(this::byPort);
        router.get(BY_KEY).order(ORDER).handler(this::byKey);
    }

    private void byPort(RoutingContext context) {
        int port = canonicalPort(context.pathParam("port"));
        if (port < 0) {
            context.next();
            return;
        }
        respond(context, answers.byPort(port));
    }

    private void byKey(RoutingContext context) {
        int port = canonicalPort(context.pathParam("port"));
        Transport transport = canonicalTransport(context.pathParam("transport"));
        if (port < 0 || transport == null) {
            context.next();
            return;
        }
        respond(context, answers.byKey(transport, port));
    }

    private static void respond(RoutingContext context, LookupAnswers.Answer answer) {
        HttpServerResponse response = context.response();
        response.putHeader(HttpHeaders.CONTENT_TYPE, JSON).putHeader(HttpHeaders.ETAG, answer.etag());
        String ifNoneMatch = context.request().getHeader(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null && Etags.noneMatch(ifNoneMatch, answer.etag())) {
            response.setStatusCode(304).end();
        } else {
            response.end(answer.body());
        }
    }

    /** The port, or -1 when the text is not a port written the one canonical way. */
    static int canonicalPort(String text) {
        int length = text == null ? 0 : text.length();
        if (length == 0 || length > MAX_PORT_DIGITS || (length > 1 && text.charAt(0) == '0')) {
            return -1;
        }
        int port = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            port = port * 10 + (c - '0');
        }
        return port <= PortRange.MAX_PORT ? port : -1;
    }

    /** The transport, or null when the text is not one's lower-case name. */
    static Transport canonicalTransport(String text) {
        for (int i = 0; i < TRANSPORTS.length; i++) {
            if (WIRE_NAMES[i].equals(text)) {
                return TRANSPORTS[i];
            }
        }
        return null;
    }
}
