package io.portwatch.alert.fleet;

import io.portwatch.events.listener.Addresses;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;

/**
 * An IP network in CIDR notation ({@code 10.0.0.0/8}, {@code ::1/128}): a network probe's enrolled scope, or one of
 * the networks alert-service lets probes enrol for. Written canonically ({@link Addresses}), host bits cleared.
 *
 * @param network the network address, host bits zero (4 or 16 bytes)
 * @param prefix  the prefix length in bits
 */
public record Cidr(byte[] network, int prefix) {

    /** The CIDR a text names; empty unless it is {@code <IP literal>/<prefix>} with a prefix the family allows. */
    public static Optional<Cidr> parse(String text) {
        if (text == null || text.length() > 64) {
            return Optional.empty();
        }
        int slash = text.indexOf('/');
        if (slash < 0 || slash == text.length() - 1 || text.length() - slash > 4) {
            return Optional.empty();
        }
        Optional<String> address = Addresses.canonical(text.substring(0, slash));
        String prefixText = text.substring(slash + 1);
        if (address.isEmpty() || !prefixText.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        byte[] bytes = Addresses.parse(address.get()).getAddress();
        int prefix = Integer.parseInt(prefixText);
        if (prefix > bytes.length * 8) {
            return Optional.empty();
        }
        return Optional.of(new Cidr(masked(bytes, prefix), prefix));
    }

    /** Whether an IP literal lies inside this network (false for anything that is not one, or of the other family). */
    public boolean contains(String address) {
        Optional<String> canonical = Addresses.canonical(address);
        if (canonical.isEmpty()) {
            return false;
        }
        byte[] bytes = Addresses.parse(canonical.get()).getAddress();
        return bytes.length == network.length && Arrays.equals(masked(bytes, prefix), network);
    }

    /** Whether every address of {@code other} lies inside this network. */
    public boolean encloses(Cidr other) {
        return other.network.length == network.length && other.prefix >= prefix
                && Arrays.equals(masked(other.network, prefix), network);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr cidr && cidr.prefix == prefix && Arrays.equals(cidr.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefix;
    }

    /** The canonical text, e.g. {@code 10.0.0.0/8}. */
    @Override
    public String toString() {
        try {
            return Addresses.canonical(InetAddress.getByAddress(network)) + "/" + prefix;
        } catch (java.net.UnknownHostException impossible) {
            throw new IllegalStateException("a network is 4 or 16 bytes", impossible);
        }
    }

    private static byte[] masked(byte[] address, int prefix) {
        byte[] masked = address.clone();
        for (int bit = prefix; bit < masked.length * 8; bit++) {
            masked[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return masked;
    }
}
