package io.portwatch.notifier.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Signs a webhook request: HMAC-SHA256 over {@code <timestamp>.<body>} (the Unix-seconds timestamp of the
 * {@value #TIMESTAMP_HEADER} header, a dot, the raw body bytes), sent hex-encoded as
 * {@code X-Portwatch-Signature: sha256=<hex>}. Covering the timestamp lets a receiver refuse replays of an old
 * request (docs/notifier.md, "Verifying a webhook").
 */
public final class HmacSigner {

    static final String TIMESTAMP_HEADER = "X-Portwatch-Timestamp";
    static final String SIGNATURE_HEADER = "X-Portwatch-Signature";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public HmacSigner(String key) {
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The signature header's value for a body sent at {@code timestamp} (Unix seconds). */
    public String signature(long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
