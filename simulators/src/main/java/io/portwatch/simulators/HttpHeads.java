package io.portwatch.simulators;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Reads an HTTP request head (bounded in size and time) and writes a raw answer, byte for byte as given. */
final class HttpHeads {

    /** The largest request head read; the rest is ignored. */
    static final int MAX_HEAD = 8 * 1024;
    /** A client silent this long has sent all it will. */
    static final int IDLE_TIMEOUT_MILLIS = 5_000;

    private HttpHeads() {
    }

    /** Reads until the blank line that ends a request head, the size cap, the client's end, or idleness. */
    static String readHead(Socket client, InputStream in) throws IOException {
        client.setSoTimeout(IDLE_TIMEOUT_MILLIS);
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int lineLength = 0;
        for (int c = in.read(); c >= 0 && head.size() < MAX_HEAD; c = in.read()) {
            head.write(c);
            if (c == '\n') {
                if (lineLength == 0) {
                    break;
                }
                lineLength = 0;
            } else if (c != '\r') {
                lineLength++;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** Writes the answer, one byte per character (control characters included), and flushes. */
    static void write(OutputStream out, String answer) throws IOException {
        out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }
}
