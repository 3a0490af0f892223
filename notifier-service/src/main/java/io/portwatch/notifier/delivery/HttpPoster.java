package io.portwatch.notifier.delivery;

import io.portwatch.events.contract.ControlCharacters;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * POSTs a body to a receiver with the JDK's HTTP client: no redirects followed (a receiver can't send the
 * notifier elsewhere), a timeout per request, and a 2xx is the only success. A 4xx other than 408 and 429 is
 * permanent: the same request would be refused again.
 */
@ApplicationScoped
public class HttpPoster {

    private static final int ERROR_BODY_CHARS = 200;

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** POSTs {@code body}; returns normally on a 2xx. */
    public void post(URI url, String contentType, byte[] body, Map<String, String> headers, Duration timeout)
            throws DeliveryException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", contentType)
                .header("User-Agent", "portwatch-notifier")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new DeliveryException("no answer: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted", e);
        }
        int status = response.statusCode();
        String excerpt = excerpt(response.body());
        if (status / 100 == 2) {
            return;
        }
        boolean permanent = status / 100 == 4 && status != 408 && status != 429;
        throw new DeliveryException("HTTP " + status + (excerpt.isEmpty() ? "" : ": " + excerpt), permanent);
    }

    /** The start of an answer's body, printable: it goes into reasons and logs. */
    private static String excerpt(InputStream body) {
        try (body) {
            byte[] start = body.readNBytes(ERROR_BODY_CHARS);
            return ControlCharacters.escapeAndCut(new String(start, StandardCharsets.UTF_8).strip(), ERROR_BODY_CHARS);
        } catch (IOException e) {
            return "";
        }
    }
}
