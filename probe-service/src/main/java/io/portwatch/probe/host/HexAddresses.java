package io.portwatch.probe.host;

import io.portwatch.events.listener.Addresses;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Decodes the kernel's hex socket addresses: IPv4 as one little-endian 32-bit word
 * ({@code 0100007F} is 127.0.0.1), IPv6 as four such words, printed in the canonical form of {@link Addresses}
 * (RFC 5952; IPv4-mapped addresses, which a dual-stack socket bound to an IPv4 address shows, as that IPv4 address:
 * Java binds {@code 127.0.0.1} that way, and the exposure is the IPv4 address's).
 */
final class HexAddresses {

    private static final int IPV4_HEX_DIGITS = 8;
    private static final int IPV6_HEX_DIGITS = 32;

    private HexAddresses() {
    }

    static String decode(String hex, int ipVersion) {
        int expected = ipVersion == 4 ? IPV4_HEX_DIGITS : IPV6_HEX_DIGITS;
        if (hex.length() != expected) {
            throw new IllegalArgumentException("address of IPv" + ipVersion + " is not " + expected + " hex digits '" + hex + "'");
        }
        byte[] bytes = new byte[expected / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int b = 0; b < 4; b++) {
                int at = word * IPV4_HEX_DIGITS + (3 - b) * 2;
                bytes[word * 4 + b] = (byte) parseByte(hex, at);
            }
        }
        return canonical(bytes);
    }

    private static int parseByte(String hex, int at) {
        int high = Character.digit(hex.charAt(at), 16);
        int low = Character.digit(hex.charAt(at + 1), 16);
        if (high < 0 || low < 0) {
            throw new IllegalArgumentException("address is not hex '" + hex + "'");
        }
        return high << 4 | low;
    }

    private static String canonical(byte[] bytes) {
        try {
            return Addresses.canonical(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of " + bytes.length + " bytes", e);
        }
    }
}
