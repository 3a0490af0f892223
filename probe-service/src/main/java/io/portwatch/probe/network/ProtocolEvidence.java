package io.portwatch.probe.network;

import io.portwatch.events.listener.Evidence;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evidence from an open TCP port, with blocking sockets and short timeouts: an HTTP GET of {@code /}
 * (plain, then TLS when plain HTTP gets no answer) for admin ports, a banner read for the rest. Only
 * {@code GET /} and a connect are ever sent: no credentials, nothing that changes the target.
 */
final class ProtocolEvidence {

    private static final int MAX_READ = 16 * 1024;
    private static final Pattern STATUS_LINE = Pattern.compile("^HTTP/\\d(?:\\.\\d)? (\\d{3})");
    private static final Pattern PASSWORD_FIELD = Pattern.compile("<input[^>]+type\\s*=\\s*[\"']?password", Pattern.CASE_INSENSITIVE);

    private final int timeoutMillis;

    ProtocolEvidence(Duration timeout) {
        this.timeoutMillis = (int) timeout.toMillis();
    }

    /** HTTP evidence: status, Server, the authentication asked for, and whether it spoke TLS. */
    Evidence http(Target target) {
        String request = "GET / HTTP/1.0\r\nHost: " + host(target) + "\r\nUser-Agent: portwatch-probe\r\nConnection: close\r\n\r\n";
        byte[] requestBytes = request.getBytes(StandardCharsets.US_ASCII);
        String plain = exchange(target, requestBytes, false);
        boolean tls = plain == null || !STATUS_LINE.matcher(plain).find();
        String response = tls ? exchange(target, requestBytes, true) : plain;
        if (response == null || !STATUS_LINE.matcher(response).find()) {
            return new Evidence("http", requestBytes.length, 0, null, tls && response != null ? Boolean.TRUE : null, null, null, null);
        }
        Matcher status = STATUS_LINE.matcher(response);
        status.find();
        String auth = header(response, "WWW-Authenticate");
        if (auth == null && !tls && PASSWORD_FIELD.matcher(response).find()) {
            auth = "login form";
        }
        return new Evidence("http", requestBytes.length, response.length(), firstLine(response), tls,
                Integer.parseInt(status.group(1)), header(response, "Server"), auth);
    }

    /** Banner evidence: what the service says first, if anything, within the timeout. */
    Evidence banner(Target target) {
        String banner = exchange(target, new byte[0], false);
        String printable = banner == null ? null : printable(banner);
        return new Evidence(printable == null || printable.isEmpty() ? "tcp-connect" : "tcp-banner", 0,
                banner == null ? 0 : banner.length(), printable == null || printable.isEmpty() ? null : printable,
                null, null, null, null);
    }

    /** Sends the request and reads the answer until the peer closes, the cap, or the timeout; null when nothing came. */
    private String exchange(Target target, byte[] request, boolean tls) {
        try (Socket socket = tls ? tlsSocket(target) : new Socket()) {
            if (!tls) {
                socket.connect(target.socketAddress(), timeoutMillis);
            }
            socket.setSoTimeout(timeoutMillis);
            if (tls) {
                ((SSLSocket) socket).startHandshake();
            }
            if (request.length > 0) {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
            }
            return read(socket.getInputStream());
        } catch (IOException | GeneralSecurityException e) {
            return null;
        }
    }

    private static String read(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n = in.read(buffer); n >= 0 && received.size() < MAX_READ; n = in.read(buffer)) {
                received.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            // Keep what arrived before the timeout.
        }
        return received.size() == 0 ? null : received.toString(StandardCharsets.ISO_8859_1);
    }

    /** A TLS socket that accepts any certificate: the probe only asks whether the port speaks TLS. */
    private Socket tlsSocket(Target target) throws IOException, GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new AnyCertificate()}, null);
        Socket plain = new Socket();
        plain.connect(target.socketAddress(), timeoutMillis);
        return context.getSocketFactory().createSocket(plain, host(target), target.port(), true);
    }

    private static String header(String response, String name) {
        String prefix = name.toLowerCase(Locale.ROOT) + ":";
        for (String line : response.split("\r?\n")) {
            if (line.isEmpty()) {
                return null;
            }
            if (line.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                return line.substring(prefix.length()).trim();
            }
        }
        return null;
    }

    private static String firstLine(String response) {
        return response.split("\r?\n", 2)[0];
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.substring(0, Math.min(text.length(), 256)).toCharArray()) {
            out.append(c >= 0x20 && c < 0x7f ? c : c == '\n' || c == '\r' || c == '\t' ? ' ' : '.');
        }
        return out.toString().trim();
    }

    private static String host(Target target) {
        String address = target.address().getHostAddress();
        return address.contains(":") ? "[" + address + "]" : address;
    }

    /** Trusts every certificate; used only to learn whether a port speaks TLS, never to send secrets. */
    private static final class AnyCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // Not a client of anything secret: see the class comment.
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // Not a client of anything secret: see the class comment.
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
