package io.portwatch.alert.fleet;

import java.util.Optional;

/**
 * What the signature headers of a record prove: nothing (unsigned), that an enrolled probe wrote it, or that it
 * must be refused (with the reason, prefixed as in docs/fleet.md: {@code unsigned}, {@code unknown probe},
 * {@code revoked probe}, {@code bad signature}).
 *
 * @param signer  the enrolled, unrevoked probe whose signature verified; null otherwise
 * @param refusal why the record is refused; null when it is not
 */
public record Verification(KnownProbe signer, String refusal) {

    static final Verification UNSIGNED = new Verification(null, null);

    static Verification signedBy(KnownProbe probe) {
        return new Verification(probe, null);
    }

    static Verification refused(String reason) {
        return new Verification(null, reason);
    }

    public Optional<KnownProbe> signed() {
        return Optional.ofNullable(signer);
    }

    public Optional<String> refused() {
        return Optional.ofNullable(refusal);
    }
}
