package io.portwatch.alert.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** A client of {@code GET /api/v1/findings/live}: its status and every {@code data:} line it has received so far. */
final class LiveStream implements AutoCloseable {

    private final HttpResponse<Stream<String>> response;
    private final List<String> data = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private LiveStream(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = new Thread(() -> {
            try (Stream<String> lines = response.body()) {
                lines.filter(line -> line.startsWith("data:")).forEach(line -> data.add(line.substring("data:".length()).trim()));
            } catch (UncheckedIOException | IllegalStateException closed) {
                // the test closed the stream
            }
        }, "live-stream-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens a stream and returns once the response headers arrived. */
    static LiveStream open(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").timeout(Duration.ofSeconds(10)).build();
        try {
            return new LiveStream(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    int status() {
        return response.statusCode();
    }

    List<String> data() {
        return List.copyOf(data);
    }

    @Override
    public void close() {
        response.body().close();
        reader.interrupt();
    }
}
