package io.portwatch.probe.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import io.portwatch.events.contract.ControlCharacters;
import io.portwatch.events.json.EventJson;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks alert-service for an identity: {@code POST <url>/api/v1/probes/enrolments} with the JDK's HTTP client.
 * The answer is treated as hostile: at most {@value #MAX_ANSWER_BYTES} bytes, the whole exchange within the
 * timeout, no redirects followed, and a 201 accepted only when it is well-formed credentials for the very node,
 * mode and zone asked for, with a key of exactly 32 bytes.
 */
final class EnrolmentClient {

    /** The enrolment endpoint, under alert-service's base URL. */
    static final String PATH = "/api/v1/probes/enrolments";
    /** The largest answer read; credentials are a few hundred bytes. */
    static final int MAX_ANSWER_BYTES = 16_384;
    /** The most characters of a refusal's detail that are logged. */
    private static final int MAX_DETAIL = 200;

    /** What one attempt came to. */
    sealed interface Outcome {
    }

    /** Enrolled: the credentials to sign with. */
    record Enrolled(ProbeCredentials credentials) implements Outcome {
    }

    /** alert-service refused (a 4xx): retrying changes nothing until an operator acts; {@code reason} says what. */
    record Refused(int status, String reason) implements Outcome {
    }

    /** No usable answer (down, slow, 5xx, malformed): worth retrying soon. */
    record Failed(String reason) implements Outcome {
    }

    private final URI endpoint;
    private final Duration timeout;
    private final HttpClient http;

    EnrolmentClient(URI baseUrl, Duration timeout) {
        String scheme = baseUrl.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("the enrolment URL is not an http(s) URL: " + baseUrl);
        }
        String base = baseUrl.toString();
        this.endpoint = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + PATH);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Where enrolments are posted. */
    URI endpoint() {
        return endpoint;
    }

    /** One enrolment attempt; never throws for anything alert-service or the network does. */
    Outcome enrol(EnrolmentRequest request) {
        HttpRequest post = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(EventJson.toBytes(request)))
                .build();
        CompletableFuture<HttpResponse<byte[]>> exchange = http.sendAsync(post, BoundedBody.handler(MAX_ANSWER_BYTES));
        HttpResponse<byte[]> response;
        try {
            response = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return new Failed("no answer within " + timeout);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new Failed(cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            return new Failed("interrupted");
        }
        return outcome(request, response.statusCode(), response.body());
    }

    private static Outcome outcome(EnrolmentRequest request, int status, byte[] body) {
        return switch (status) {
            case 200, 201 -> credentials(request, body);
            case 401 -> new Refused(status, "the enrol secret was refused");
            case 409 -> new Refused(status, "node " + request.node() + " is already enrolled (" + request.mode() + ", zone "
                    + request.zone() + "); a fleet-admin must revoke it before it can enrol again");
            default -> status >= 400 && status < 500
                    ? new Refused(status, "refused with " + status + detail(body))
                    : new Failed("answered " + status + detail(body));
        };
    }

    private static Outcome credentials(EnrolmentRequest request, byte[] body) {
        ProbeCredentials credentials;
        try {
            credentials = EventJson.fromBytes(body, CredentialsDocument.class).credentials();
        } catch (RuntimeException malformed) {
            return new Failed("the answer is not credentials: " + ControlCharacters.escapeAndCut(malformed.getMessage(), MAX_DETAIL));
        }
        if (!credentials.isFor(request.node(), request.mode(), request.zone())) {
            return new Failed("the answer is credentials for node " + credentials.node() + " (" + credentials.mode() + ", zone "
                    + credentials.zone() + "), not the node asked for");
        }
        return new Enrolled(credentials);
    }

    /** A Problem JSON's detail, escaped and cut for the log; empty when there is none. */
    private static String detail(byte[] body) {
        try {
            JsonNode detail = EventJson.mapper().readTree(body).get("detail");
            return detail != null && detail.isTextual() ? ": " + ControlCharacters.escapeAndCut(detail.asText(), MAX_DETAIL) : "";
        } catch (IOException | RuntimeException notProblemJson) {
            return "";
        }
    }
}
