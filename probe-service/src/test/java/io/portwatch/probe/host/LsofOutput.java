package io.portwatch.probe.host;

/**
 * Builds {@code lsof -F0pcuLftPnTd} output as lsof writes it (each field its identifying character, its value and a
 * NUL; a newline after each set), for parser fixtures in the conventions of a platform's lsof.
 */
final class LsofOutput {

    private final StringBuilder text = new StringBuilder();

    /** A process set: {@code p}, {@code c}, {@code u}, {@code L}. */
    LsofOutput process(long pid, String command, int uid, String login) {
        return fields("p" + pid, "c" + command, "u" + uid, "L" + login);
    }

    /** A TCP file set as macOS's lsof writes a listener: descriptor, type, kernel handle, protocol, name, state and queue sizes. */
    LsofOutput tcpListener(String fd, String type, String device, String name) {
        return fields("f" + fd, "t" + type, "d" + device, "PTCP", "n" + name, "TST=LISTEN", "TQR=0", "TQS=0");
    }

    /** A TCP file set in another state (a connection). */
    LsofOutput tcp(String fd, String type, String device, String name, String state) {
        return fields("f" + fd, "t" + type, "d" + device, "PTCP", "n" + name, "TST=" + state, "TQR=0", "TQS=0");
    }

    /** A UDP file set: no state. */
    LsofOutput udp(String fd, String type, String device, String name) {
        return fields("f" + fd, "t" + type, "d" + device, "PUDP", "n" + name, "TQR=0", "TQS=0");
    }

    /** Any set, field by field. */
    LsofOutput fields(String... fields) {
        for (String field : fields) {
            text.append(field).append('\0');
        }
        text.append('\n');
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
