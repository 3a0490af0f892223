package io.portwatch.cli;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A service stood in for by an HTTP server on loopback: every request answered with one status and JSON body, and recorded. */
final class LoopbackServer implements AutoCloseable {

    /**
     * A request as the server received it.
     *
     * @param method        its method
     * @param uri           its path and query, as sent
     * @param authorization its Authorization header; null when it had none
     * @param body          its body
     */
    record Request(String method, URI uri, String authorization, String body) {

        /** A request of a method and URI, without a token or body, for the tests that look at the URI only. */
        Request(URI uri, String authorization) {
            this("GET", uri, authorization, "");
        }
    }

    /**
     * An answer.
     *
     * @param status the HTTP status
     * @param body   the JSON body (empty: none)
     */
    record Answer(int status, String body) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private LoopbackServer(HttpServer server) {
        this.server = server;
    }

    /** Answers every request with this status and JSON body. */
    static LoopbackServer answering(int status, String body) {
        return answering(request -> new Answer(status, body));
    }

    /** Answers each request as {@code answers} says. */
    static LoopbackServer answering(Function<Request, Answer> answers) {
        try {
            LoopbackServer loopback = new LoopbackServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
            loopback.server.createContext("/", exchange -> {
                Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI(),
                        exchange.getRequestHeaders().getFirst("Authorization"),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                loopback.requests.add(request);
                Answer answer = answers.apply(request);
                byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            loopback.server.start();
            return loopback;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CLI's configuration pointing every service at this server, with the test token. */
    TestConfig config() {
        return new TestConfig("http://127.0.0.1:" + server.getAddress().getPort(), "127.0.0.1:9");
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
