package io.portwatch.notifier.support;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A receiver's check of a signed webhook request, written the way docs/notifier.md ("Verifying a webhook") tells a
 * receiver to: the timestamp header within five minutes of now, then HMAC-SHA256 with the shared key over
 * {@code <timestamp>.<raw body>}, compared in constant time with the hex after {@code sha256=}.
 */
public final class WebhookSignature {

    /** How far a request's timestamp may lie from the receiver's clock. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private WebhookSignature() {
    }

    /** Whether the request is signed with {@code key}, recently. */
    public static boolean verifies(String key, String timestampHeader, String signatureHeader, byte[] body, Instant now) {
        if (timestampHeader == null || signatureHeader == null || !signatureHeader.startsWith("sha256=")
                || !timestampHeader.matches("[0-9]{1,12}")) {
            return false;
        }
        long timestamp = Long.parseLong(timestampHeader);
        if (Math.abs(now.getEpochSecond() - timestamp) > TOLERANCE.toSeconds()) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestampHeader + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = mac.doFinal(body);
            byte[] given;
            try {
                given = HexFormat.of().parseHex(signatureHeader.substring("sha256=".length()));
            } catch (IllegalArgumentException e) {
                return false;
            }
            return MessageDigest.isEqual(expected, given);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
