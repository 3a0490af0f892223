package io.portwatch.probe.network;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class HttpReplyTest {

    @Test
    void headersAreReadAsSentWithTheirControlCharacters() {
        HttpReply reply = new HttpReply("HTTP/1.0 401 X\r\nServer: pw\u0000x\u001b[2K\u0007\r\nWWW-Authenticate: Basic\r\n\r\n");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.firstLine()).isEqualTo("HTTP/1.0 401 X");
        assertThat(reply.header("server")).isEqualTo("pw\u0000x\u001b[2K\u0007");
        assertThat(reply.header("WWW-Authenticate")).isEqualTo("Basic");
        assertThat(reply.refusesPlainHttp()).isFalse();
    }

    @Test
    void aHeaderInTheBodyIsNotAHeader() {
        HttpReply reply = new HttpReply("HTTP/1.1 200 OK\r\nContent-Length: 30\r\n\r\nWWW-Authenticate: Basic fake\r\n");

        assertThat(reply.header("WWW-Authenticate")).isNull();
    }

    @Test
    void whatIsNotHttpHasNoStatusAndNoHeaders() {
        HttpReply reply = new HttpReply("SSH-2.0-OpenSSH_9.6\r\nServer: no\r\n");

        assertThat(reply.status()).isNull();
        assertThat(reply.header("Server")).isNull();
    }

    @Test
    void nginxsPlainHttpToHttpsAnswerIsARefusal() {
        HttpReply reply = new HttpReply("HTTP/1.1 400 Bad Request\r\nServer: nginx\r\n\r\n"
                + "<html><head><title>400 The plain HTTP request was sent to HTTPS port</title></head></html>");

        assertThat(reply.refusesPlainHttp()).isTrue();
        assertThat(new HttpReply("HTTP/1.1 400 Bad Request\r\n\r\nbad header").refusesPlainHttp()).isFalse();
    }

    @Test
    void aTlsAlertOrHandshakeRecordInReplyIsARefusal() {
        assertThat(new HttpReply(latin1(0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x46)).refusesPlainHttp()).isTrue();
        assertThat(new HttpReply(latin1(0x16, 0x03, 0x01, 0x00, 0x05)).refusesPlainHttp()).isTrue();
        assertThat(new HttpReply(latin1(0x16, 0x41)).refusesPlainHttp()).isFalse();
    }

    @Test
    void anAnswerIsCompleteWithItsHeadAndContentLength() {
        byte[] whole = "HTTP/1.1 401 Unauthorized\r\nContent-Length: 5\r\n\r\nhello".getBytes(StandardCharsets.US_ASCII);

        assertThat(HttpReply.complete(whole, whole.length)).isTrue();
        assertThat(HttpReply.complete(whole, whole.length - 1)).as("body short of its length").isFalse();
        assertThat(HttpReply.complete(whole, 20)).as("head not ended").isFalse();
        byte[] noLength = "HTTP/1.0 200 OK\r\n\r\nbody".getBytes(StandardCharsets.US_ASCII);
        assertThat(HttpReply.complete(noLength, noLength.length)).as("without a length, only the peer's close ends it").isFalse();
    }

    private static String latin1(int... bytes) {
        StringBuilder text = new StringBuilder();
        for (int b : bytes) {
            text.append((char) b);
        }
        return text.toString();
    }
}
