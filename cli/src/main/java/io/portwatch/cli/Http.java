package io.portwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.portwatch.events.json.EventJson;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** JSON over HTTP to the services, with failures turned into one-line messages and exit codes. */
@ApplicationScoped
public class Http {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** GETs JSON; empty on 404. */
    public Optional<JsonNode> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build());
    }

    /** POSTs JSON with a bearer token; answers the response's JSON. */
    public JsonNode post(String url, Object body, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofByteArray(EventJson.toBytes(body)))
                .build();
        return send(request).orElseThrow(() -> new CliFailure(ExitCodes.NOT_FOUND, "not found: " + url));
    }

    /**
     * GETs JSON, with the bearer token when one is set (reads need a viewer token where anonymous reads are off);
     * empty on 404.
     */
    public Optional<JsonNode> get(String url, Optional<String> token) {
        return token.filter(value -> !value.isBlank()).map(value -> get(url, value)).orElseGet(() -> get(url));
    }

    /** GETs JSON with a bearer token; empty on 404. */
    public Optional<JsonNode> get(String url, String token) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).header("Authorization", "Bearer " + token).GET().build());
    }

    /** DELETEs with a bearer token; false when there was nothing to delete (404). */
    public boolean delete(String url, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).header("Authorization", "Bearer " + token)
                .DELETE().build();
        return send(request, true).isPresent();
    }

    /** Text as one path segment of a URL (every reserved character escaped, a space as {@code %20}). */
    public static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private Optional<JsonNode> send(HttpRequest request) {
        return send(request, false);
    }

    /** The response's JSON; empty on 404; with {@code emptyFound}, a success without a body is a node too. */
    private Optional<JsonNode> send(HttpRequest request, boolean emptyFound) {
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.UNAVAILABLE, "cannot reach " + request.uri().getScheme() + "://"
                    + request.uri().getAuthority() + " (" + e.getClass().getSimpleName()
                    + "); is Portwatch running? Start it with ./portwatch up");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(ExitCodes.UNAVAILABLE, "interrupted");
        }
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() >= 400) {
            String detail = body != null && body.hasNonNull("detail") ? body.get("detail").asText() : "HTTP " + response.statusCode();
            throw new CliFailure(response.statusCode() == 400 ? ExitCodes.USAGE : ExitCodes.UNAVAILABLE,
                    request.uri().getPath() + ": " + detail);
        }
        return body == null && emptyFound ? Optional.of(EventJson.mapper().nullNode()) : Optional.ofNullable(body);
    }

    private static JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? null : EventJson.mapper().readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
