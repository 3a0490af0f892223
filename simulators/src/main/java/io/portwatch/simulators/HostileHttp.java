package io.portwatch.simulators;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A hostile 311-style admin page: plain HTTP asking for Basic credentials, with a status line and a Server
 * header a careless reader copies as they are: a NUL, then an ESC sequence that erases a terminal line and
 * one that sets a terminal's title, ended by BEL.
 */
public final class HostileHttp implements SimulatedService {

    /** The Server header's value, control characters included. */
    public static final String SERVER = "pw\u0000x\u001b[2K\u001b]0;pwned\u0007";
    static final String ANSWER = "HTTP/1.0 401 X\r\n"
            + "Server: " + SERVER + "\r\n"
            + "WWW-Authenticate: Basic\r\n"
            + "Content-Length: 0\r\n"
            + "\r\n";

    private final TcpAcceptor acceptor;

    public HostileHttp(InetSocketAddress bind) {
        this.acceptor = new TcpAcceptor("hostile-http", bind, HostileHttp::answer);
    }

    private static void answer(Socket client) throws IOException {
        HttpHeads.readHead(client, client.getInputStream());
        HttpHeads.write(client.getOutputStream(), ANSWER);
    }

    @Override
    public String describe() {
        return "hostile-http tcp " + Endpoints.format(acceptor.localAddress());
    }

    @Override
    public void close() {
        acceptor.close();
    }
}
