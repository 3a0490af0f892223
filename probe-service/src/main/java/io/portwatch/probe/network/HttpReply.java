package io.portwatch.probe.network;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service answered to a plain-HTTP {@code GET /}, read one character per byte: the status line, the
 * headers, and whether it refused plain HTTP as sent to a TLS port. Values are as sent, control characters
 * included: escaping is for where they are stored.
 *
 * @param text the answer, as read (possibly cut short)
 */
record HttpReply(String text) {

    /** nginx's reason for a plain-HTTP request on an HTTPS port (also in nmap's service probes). */
    static final String PLAIN_HTTP_TO_HTTPS = "the plain http request was sent to https port";
    private static final Pattern STATUS_LINE = Pattern.compile("^HTTP/\\d(?:\\.\\d)? (\\d{3})");
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^content-length:[ \\t]*(\\d{1,9})[ \\t]*\\r?$");
    private static final Pattern PASSWORD_FIELD = Pattern.compile("<input[^>]+type\\s*=\\s*[\"']?password", Pattern.CASE_INSENSITIVE);
    private static final int TLS_ALERT = 0x15;
    private static final int TLS_HANDSHAKE = 0x16;
    private static final int TLS_MAJOR_VERSION = 0x03;

    /** Whether the bytes so far hold the whole head and, when it gives a Content-Length, the whole body. */
    static boolean complete(byte[] data, int length) {
        int headEnd = headEnd(data, length);
        if (headEnd < 0) {
            return false;
        }
        Matcher contentLength = CONTENT_LENGTH.matcher(new String(data, 0, headEnd, StandardCharsets.ISO_8859_1));
        return contentLength.find() && length - headEnd >= Long.parseLong(contentLength.group(1));
    }

    /** The HTTP status code, or null when the answer is not HTTP. */
    Integer status() {
        Matcher status = STATUS_LINE.matcher(text);
        return status.find() ? Integer.valueOf(status.group(1)) : null;
    }

    /** The first line, without its line end. */
    String firstLine() {
        return text.split("\r?\n", 2)[0];
    }

    /** The first header of that name in the head, trimmed, or null. */
    String header(String name) {
        if (status() == null) {
            return null;
        }
        String prefix = name.toLowerCase(Locale.ROOT) + ":";
        String[] lines = text.split("\r?\n");
        for (int i = 1; i < lines.length && !lines[i].isEmpty(); i++) {
            if (lines[i].toLowerCase(Locale.ROOT).startsWith(prefix)) {
                return lines[i].substring(prefix.length()).strip();
            }
        }
        return null;
    }

    /** Whether the page holds a password field: a login form that may post credentials. */
    boolean asksForPasswordInForm() {
        return PASSWORD_FIELD.matcher(text).find();
    }

    /**
     * Whether the service refused plain HTTP as sent to a TLS port: nginx's 400 with its reason, or a TLS
     * record (alert or handshake) in reply.
     */
    boolean refusesPlainHttp() {
        if (text.length() >= 2 && (text.charAt(0) == TLS_ALERT || text.charAt(0) == TLS_HANDSHAKE) && text.charAt(1) == TLS_MAJOR_VERSION) {
            return true;
        }
        Integer status = status();
        return status != null && status == 400 && text.toLowerCase(Locale.ROOT).contains(PLAIN_HTTP_TO_HTTPS);
    }

    private static int headEnd(byte[] data, int length) {
        for (int i = 0; i + 1 < length; i++) {
            if (data[i] == '\n' && (data[i + 1] == '\n' || i + 2 < length && data[i + 1] == '\r' && data[i + 2] == '\n')) {
                return data[i + 1] == '\n' ? i + 2 : i + 3;
            }
        }
        return -1;
    }
}
