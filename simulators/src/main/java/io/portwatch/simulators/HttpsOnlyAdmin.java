package io.portwatch.simulators;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * An HTTPS-only admin page (a 311 behind nginx): over TLS, with a self-signed certificate, it asks for
 * Basic credentials; a plain-HTTP request gets nginx's answer, 400 "The plain HTTP request was sent to
 * HTTPS port". Credentials never cross in clear text: the probe must not call it plaintext.
 */
public final class HttpsOnlyAdmin implements SimulatedService {

    public static final String REALM = "Secure Admin";
    static final String OVER_TLS = "HTTP/1.1 401 Unauthorized\r\n"
            + "Server: nginx\r\n"
            + "WWW-Authenticate: Basic realm=\"" + REALM + "\"\r\n"
            + "Content-Length: 0\r\n"
            + "Connection: close\r\n"
            + "\r\n";
    private static final String PLAIN_BODY = "<html>\r\n<head><title>400 The plain HTTP request was sent to HTTPS port</title></head>\r\n"
            + "<body>\r\n<center><h1>400 Bad Request</h1></center>\r\n<center>The plain HTTP request was sent to HTTPS port</center>\r\n"
            + "<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
    static final String OVER_PLAIN_HTTP = "HTTP/1.1 400 Bad Request\r\n"
            + "Server: nginx\r\n"
            + "Content-Type: text/html\r\n"
            + "Content-Length: " + PLAIN_BODY.length() + "\r\n"
            + "Connection: close\r\n"
            + "\r\n"
            + PLAIN_BODY;
    /** The first byte of a TLS handshake record (a ClientHello). */
    private static final int TLS_HANDSHAKE = 0x16;

    private final SSLContext tls;
    private final TcpAcceptor acceptor;

    public HttpsOnlyAdmin(InetSocketAddress bind) {
        this.tls = SelfSignedTls.create();
        this.acceptor = new TcpAcceptor("https-admin", bind, this::serve);
    }

    /** TLS or plain HTTP on the one port, told apart by the first byte, as nginx does. */
    private void serve(Socket client) throws IOException {
        client.setSoTimeout(HttpHeads.IDLE_TIMEOUT_MILLIS);
        PushbackInputStream in = new PushbackInputStream(client.getInputStream(), 1);
        int first = in.read();
        if (first < 0) {
            return;
        }
        if (first != TLS_HANDSHAKE) {
            in.unread(first);
            HttpHeads.readHead(client, in);
            HttpHeads.write(client.getOutputStream(), OVER_PLAIN_HTTP);
            return;
        }
        try (SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(client, new ByteArrayInputStream(new byte[] {(byte) first}), true)) {
            secure.setUseClientMode(false);
            InputStream secureIn = secure.getInputStream();
            HttpHeads.readHead(secure, secureIn);
            HttpHeads.write(secure.getOutputStream(), OVER_TLS);
        }
    }

    @Override
    public String describe() {
        return "https-admin tcp " + Endpoints.format(acceptor.localAddress()) + " (TLS only, self-signed " + SelfSignedTls.SUBJECT + ")";
    }

    @Override
    public void close() {
        acceptor.close();
    }
}
