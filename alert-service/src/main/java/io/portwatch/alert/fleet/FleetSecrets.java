package io.portwatch.alert.fleet;

import io.portwatch.alert.config.AlertConfig;
import io.portwatch.events.fleet.RecordSignature;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two secrets of the fleet, each read from its file ({@code portwatch.alert.fleet.enrol-secret-file},
 * {@code .secret-file}; surrounding whitespace ignored, so a trailing newline does not matter). While a file is
 * missing or too short the service runs, and what needs it is unavailable: enrolment answers 503, and no signed
 * record verifies. Nothing is generated here: several instances must share one fleet secret, so it is made once,
 * by whoever deploys them (deploy/local/fleet.sh, a Kubernetes Secret).
 */
@ApplicationScoped
public class FleetSecrets {

    /** The domain-separation label of a probe key derivation. */
    static final byte[] KEY_LABEL = "portwatch probe key v1".getBytes(StandardCharsets.US_ASCII);
    /** The shortest fleet secret accepted: as long as the keys derived from it. */
    static final int MIN_FLEET_SECRET_BYTES = RecordSignature.KEY_BYTES;
    /** The shortest enrol secret accepted. */
    static final int MIN_ENROL_SECRET_BYTES = 16;

    private final Path enrolSecretFile;
    private final Path fleetSecretFile;
    private final AtomicReference<byte[]> fleetSecret = new AtomicReference<>();

    public FleetSecrets(AlertConfig config) {
        this.enrolSecretFile = config.fleet().enrolSecretFile();
        this.fleetSecretFile = config.fleet().secretFile();
    }

    /**
     * Whether the offered enrol secret is the configured one, compared in constant time (over SHA-256 digests, so
     * not even the length leaks).
     *
     * @throws FleetUnavailableException when the enrol secret file cannot be read
     */
    public boolean enrolSecretMatches(String offered) {
        byte[] expected = read(enrolSecretFile, MIN_ENROL_SECRET_BYTES)
                .orElseThrow(() -> new FleetUnavailableException("enrolment is not configured on this service (no enrol secret)"));
        byte[] given = offered == null ? new byte[0] : offered.getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(sha256(expected), sha256(given));
    }

    /** Whether the fleet secret can be read, so that keys can be derived. */
    public boolean fleetSecretPresent() {
        return fleetSecret().isPresent();
    }

    /**
     * A probe's key: {@code HMAC-SHA256(fleet secret, "portwatch probe key v1" 0x00 probeId)}, 32 bytes.
     *
     * @throws FleetUnavailableException when the fleet secret file cannot be read
     */
    public byte[] keyOf(String probeId) {
        byte[] secret = fleetSecret()
                .orElseThrow(() -> new FleetUnavailableException("probe keys cannot be derived on this service (no fleet secret)"));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(KEY_LABEL);
            mac.update((byte) 0);
            return mac.doFinal(probeId.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }

    private Optional<byte[]> fleetSecret() {
        byte[] known = fleetSecret.get();
        if (known == null) {
            known = read(fleetSecretFile, MIN_FLEET_SECRET_BYTES).orElse(null);
            fleetSecret.compareAndSet(null, known);
        }
        return Optional.ofNullable(known);
    }

    private static Optional<byte[]> read(Path file, int minimum) {
        try {
            byte[] secret = Files.readString(file, StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8);
            if (secret.length < minimum) {
                Log.errorf("The secret in %s is %d bytes, fewer than %d: not used", file, secret.length, minimum);
                return Optional.empty();
            }
            return Optional.of(secret);
        } catch (IOException e) {
            Log.debugf("No secret readable at %s: %s", file, e.getMessage());
            return Optional.empty();
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
