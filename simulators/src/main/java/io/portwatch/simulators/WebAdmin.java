package io.portwatch.simulators;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * An AppleShare IP WebAdmin-like page (311/tcp): plain HTTP that asks for Basic credentials, so a
 * password would cross the network in clear text.
 */
public final class WebAdmin implements SimulatedService {

    public static final String REALM = "AppleShare IP Web Admin";
    public static final String SERVER = "AppleShareIP/6.3.3 WebAdmin";
    private static final byte[] PAGE = ("<html><head><title>AppleShare IP Web Admin</title></head>"
            + "<body><h1>Authorization required</h1></body></html>").getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;

    public WebAdmin(InetSocketAddress bind) {
        try {
            server = HttpServer.create(bind, 50);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind webadmin on tcp " + bind, e);
        }
        server.createContext("/", WebAdmin::askForCredentials);
        server.start();
    }

    private static void askForCredentials(HttpExchange exchange) throws IOException {
        try (exchange; OutputStream body = exchange.getResponseBody()) {
            exchange.getResponseHeaders().add("Server", SERVER);
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(401, PAGE.length);
            body.write(PAGE);
        }
    }

    @Override
    public String describe() {
        return "webadmin tcp " + Endpoints.format(server.getAddress());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
