package io.portwatch.probe.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.portwatch.events.json.EventJson;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * alert-service's enrolment endpoint as a test scripts it: a JDK HTTP server on loopback answering each POST with
 * the next answer of its script (the last one again once the script is spent), and keeping the requests.
 */
final class FakeAlertService implements AutoCloseable {

    /** The key every {@link #enrolled} answer gives. */
    static final byte[] KEY = key();

    /**
     * One scripted answer to a request's JSON.
     *
     * @param status the HTTP status
     * @param body   the body, as sent
     * @param delay  how long to wait before answering
     */
    record Answer(int status, Function<JsonNode, byte[]> body, Duration delay) {
    }

    private final HttpServer server;
    private final Deque<Answer> script;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();

    private FakeAlertService(List<Answer> answers) throws IOException {
        this.script = new ArrayDeque<>(answers);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "fake-alert-service");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext(EnrolmentClient.PATH, this::answer);
        server.start();
    }

    /** Starts a server that answers with these, in order. */
    static FakeAlertService start(Answer... answers) {
        try {
            return new FakeAlertService(List.of(answers));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** 201 with credentials for what was asked (node, mode, zone, scopes), this probe id and {@link #KEY}. */
    static Answer enrolled(String probeId) {
        return new Answer(201, request -> {
            ObjectNode answer = ((ObjectNode) request.deepCopy()).put("probeId", probeId)
                    .put("key", Base64.getEncoder().encodeToString(KEY)).put("algorithm", "hmac-sha256");
            answer.remove("enrolSecret");
            return answer.toString().getBytes(StandardCharsets.UTF_8);
        }, Duration.ZERO);
    }

    /** This status and body, at once. */
    static Answer status(int status, String body) {
        return new Answer(status, request -> body.getBytes(StandardCharsets.UTF_8), Duration.ZERO);
    }

    /** This answer, after a delay. */
    static Answer slow(Answer answer, Duration delay) {
        return new Answer(answer.status(), answer.body(), delay);
    }

    /** Its base URL, as a probe is configured with it. */
    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The requests' JSON bodies so far. */
    List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request = EventJson.mapper().readTree(exchange.getRequestBody().readAllBytes());
            requests.add(request);
            Answer answer;
            synchronized (script) {
                answer = script.size() > 1 ? script.poll() : script.peek();
            }
            Thread.sleep(answer.delay().toMillis());
            byte[] body = answer.body().apply(request);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        } catch (IOException clientGone) {
            // The probe gave up waiting (the slow answer): nothing to answer.
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static byte[] key() {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (i * 7 + 1);
        }
        return key;
    }
}
