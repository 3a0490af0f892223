package io.portwatch.probe.network;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A TLS handshake with an open port, bounded by a deadline: does it speak TLS, and with which certificate?
 * Every certificate is accepted, since the probe records what it is shown and sends nothing after the
 * handshake: no request, no credentials.
 */
final class TlsHandshake {

    /**
     * The outcome.
     *
     * @param tls      true when the handshake succeeded, false when it failed, null when the deadline cut it short
     * @param subject  the presented certificate's subject DN, as sent (unescaped), or null
     * @param notAfter when that certificate expires, or null
     * @param timedOut whether the deadline ended it
     */
    record Outcome(Boolean tls, String subject, Instant notAfter, boolean timedOut) {
    }

    private static final SSLContext TRUST_ALL = trustAll();

    private final Duration connectTimeout;
    private final Duration idleTimeout;
    private final ScheduledExecutorService timers;

    TlsHandshake(Duration connectTimeout, Duration idleTimeout, ScheduledExecutorService timers) {
        this.connectTimeout = connectTimeout;
        this.idleTimeout = idleTimeout;
        this.timers = timers;
    }

    /** Connects and shakes hands; a peer silent for the idle timeout does not speak TLS. */
    Outcome handshake(Target target, Deadline deadline) {
        if (deadline.passed()) {
            return new Outcome(null, null, null, true);
        }
        try (Socket plain = new Socket(); SocketGuard ignored = SocketGuard.arm(timers, plain, deadline)) {
            plain.connect(target.socketAddress(), deadline.millisAtMost(connectTimeout));
            plain.setSoTimeout(deadline.millisAtMost(idleTimeout));
            try (SSLSocket tls = (SSLSocket) TRUST_ALL.getSocketFactory().createSocket(plain, target.address().getHostAddress(), target.port(), true)) {
                tls.startHandshake();
                Certificate[] chain = tls.getSession().getPeerCertificates();
                if (chain.length > 0 && chain[0] instanceof X509Certificate certificate) {
                    return new Outcome(true, certificate.getSubjectX500Principal().getName(), certificate.getNotAfter().toInstant(), false);
                }
                return new Outcome(true, null, null, false);
            }
        } catch (IOException e) {
            return deadline.passed() ? new Outcome(null, null, null, true) : new Outcome(false, null, null, false);
        }
    }

    private static SSLContext trustAll() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AnyCertificate()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM offers no TLS", e);
        }
    }

    /** Trusts every certificate: the probe records the certificate it is shown and never sends a secret. */
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
