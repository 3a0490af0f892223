package io.portwatch.events.fleet;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a probe signs every record it writes, and how a consumer checks it. The signature is HMAC-SHA256
 * (RFC 2104) with the probe's own key, made at enrolment, over the topic, the record key and the value exactly
 * as written, each preceded by its length in 4 bytes, so a signed value cannot be moved to another key or topic.
 * It travels in two headers: {@value #PROBE_HEADER} (the probe id) and {@value #SIGNATURE_HEADER}
 * ({@code hmac-sha256=<base64>}). HMAC and not Ed25519: the JDK's Ed25519 verification takes about 650 µs a
 * record on the reference machine, fifteen times the cost of correlating the event; HMAC-SHA256 takes 1.6 µs
 * (bench/RESULTS.md).
 */
public final class RecordSignature {

    /** Header with the id of the probe that signed the record. */
    public static final String PROBE_HEADER = "portwatch-probe-id";
    /** Header with the signature, {@code hmac-sha256=<base64>}. */
    public static final String SIGNATURE_HEADER = "portwatch-signature";
    /** Bytes in a probe key. */
    public static final int KEY_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";
    private static final String PREFIX = "hmac-sha256=";

    private final Mac mac;

    /** A signer (or checker) with this probe key; not thread-safe. @throws IllegalArgumentException unless the key is {@value #KEY_BYTES} bytes */
    public RecordSignature(byte[] key) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException("a probe key is " + KEY_BYTES + " bytes");
        }
        try {
            mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }

    /** The {@value #SIGNATURE_HEADER} header's value for this record (a null key or value signs as empty). */
    public String sign(String topic, String key, byte[] value) {
        return PREFIX + Base64.getEncoder().encodeToString(digest(topic, key, value == null ? null : ByteBuffer.wrap(value)));
    }

    /**
     * Whether the header's value is this key's signature of the record; compared in constant time.
     *
     * @param value the bytes between the buffer's position and limit (the buffer is left as it was); null for none
     */
    public boolean verify(String topic, String key, ByteBuffer value, String signature) {
        Optional<byte[]> claimed = decode(signature);
        return claimed.isPresent() && MessageDigest.isEqual(claimed.get(), digest(topic, key, value));
    }

    private byte[] digest(String topic, String key, ByteBuffer value) {
        part(ByteBuffer.wrap(topic == null ? new byte[0] : topic.getBytes(StandardCharsets.UTF_8)));
        part(ByteBuffer.wrap(key == null ? new byte[0] : key.getBytes(StandardCharsets.UTF_8)));
        part(value == null ? ByteBuffer.allocate(0) : value.duplicate());
        return mac.doFinal();
    }

    private void part(ByteBuffer bytes) {
        int length = bytes.remaining();
        mac.update((byte) (length >>> 24));
        mac.update((byte) (length >>> 16));
        mac.update((byte) (length >>> 8));
        mac.update((byte) length);
        mac.update(bytes);
    }

    private static Optional<byte[]> decode(String signature) {
        if (signature == null || !signature.startsWith(PREFIX) || signature.length() > PREFIX.length() + 64) {
            return Optional.empty();
        }
        try {
            return Optional.of(Base64.getDecoder().decode(signature.substring(PREFIX.length())));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }
}
