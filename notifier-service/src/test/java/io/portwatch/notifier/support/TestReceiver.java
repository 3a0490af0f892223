package io.portwatch.notifier.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.portwatch.testing.FreePorts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real HTTP receiver on a loopback port that records every request it answers. It can answer 200 or always
 * 500, stall (hold each request unanswered until {@link #resume()}, at most {@link #LONGEST_STALL}), and it can go
 * down (its socket closed: connections are refused) and come back on the same port.
 */
public final class TestReceiver implements AutoCloseable {

    /** The status recorded for a request that was stalled: its client had given up before an answer. */
    public static final int STALLED = 0;
    /** The longest a stalled request is held, so that a test that forgets to resume ends anyway. */
    static final Duration LONGEST_STALL = Duration.ofSeconds(20);

    /**
     * One request as received, and the status it was answered with ({@link #STALLED}: none in time).
     *
     * @param arrivedNanos when its body was read, on {@link System#nanoTime()}'s clock
     */
    public record Request(Map<String, String> headers, byte[] body, int status, long arrivedNanos) {

        /** The dedup keys it carries (one per finding change, {@code X-Portwatch-Dedup-Key}). */
        public List<String> dedupKeys() {
            String keys = header("X-Portwatch-Dedup-Key");
            return keys == null ? List.of() : List.of(keys.split(","));
        }

        /** A header by name, case-insensitive, or null. */
        public String header(String name) {
            return headers.entrySet().stream().filter(header -> header.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }
    }

    private final int port = FreePorts.any();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile CountDownLatch stall;
    private final ExecutorService executor = Executors.newFixedThreadPool(16);
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

    /** Holds every request from now on unanswered, until {@link #resume()}. */
    public void stall() {
        stall = new CountDownLatch(1);
    }

    /** Answers again, and lets the stalled requests go. */
    public void resume() {
        CountDownLatch stalled = stall;
        stall = null;
        if (stalled != null) {
            stalled.countDown();
        }
    }

    /** The requests of one finding change (by the dedup key header), received so far. */
    public List<Request> receivedFor(String dedupKey) {
        return requests.stream().filter(request -> dedupKey.equals(request.header("X-Portwatch-Dedup-Key"))).toList();
    }

    /** The requests of one finding change answered 2xx so far. */
    public List<Request> acceptedFor(String dedupKey) {
        return receivedFor(dedupKey).stream().filter(request -> request.status() / 100 == 2).toList();
    }

    /** Answers 200 at once again, and listens: the state every test starts from. */
    public void reset() {
        resume();
        answer(200);
        up();
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
            long arrived = System.nanoTime();
            Map<String, String> headers = exchange.getRequestHeaders().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, header -> String.join(",", header.getValue())));
            CountDownLatch stalled = stall;
            if (stalled != null) {
                requests.add(new Request(headers, body, STALLED, arrived));
                try {
                    stalled.await(LONGEST_STALL.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            int answer = status;
            requests.add(new Request(headers, body, answer, arrived));
            exchange.sendResponseHeaders(answer, -1);
        }
    }

    @Override
    public void close() {
        resume();
        down();
        executor.shutdownNow();
    }
}
