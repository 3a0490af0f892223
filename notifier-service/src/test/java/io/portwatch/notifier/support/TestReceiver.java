package io.portwatch.notifier.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.portwatch.testing.FreePorts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * A real HTTP receiver on a loopback port that records every request it answers. It can answer 200 or always
 * 500, and it can go down (its socket closed: connections are refused) and come back on the same port.
 */
public final class TestReceiver implements AutoCloseable {

    /** One request as received, and the status it was answered with. */
    public record Request(Map<String, String> headers, byte[] body, int status) {

        /** A header by name, case-insensitive, or null. */
        public String header(String name) {
            return headers.entrySet().stream().filter(header -> header.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }
    }

    private final int port = FreePorts.any();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private HttpServer server;

    /** A receiver answering 200, started. */
    public static TestReceiver start() {
        TestReceiver receiver = new TestReceiver();
        receiver.up();
        return receiver;
    }

    /** Its URL. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + port + "/hook");
    }

    /** Every request answered 2xx so far. */
    public List<Request> accepted() {
        return requests.stream().filter(request -> request.status() / 100 == 2).toList();
    }

    /** Every request received so far, whatever the answer. */
    public List<Request> received() {
        return List.copyOf(requests);
    }

    /** Answers every request with this status from now on. */
    public void answer(int status) {
        this.status = status;
    }

    /** Closes the socket: connections are refused until {@link #up()}. */
    public synchronized void down() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Listens (again) on its port. */
    public synchronized void up() {
        if (server != null) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int answer = status;
            Map<String, String> headers = exchange.getRequestHeaders().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, header -> String.join(",", header.getValue())));
            requests.add(new Request(headers, body, answer));
            exchange.sendResponseHeaders(answer, -1);
        }
    }

    @Override
    public void close() {
        down();
        executor.shutdownNow();
    }
}
