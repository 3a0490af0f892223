package io.portwatch.probe.host;

/**
 * Decodes the kernel's hex socket addresses: IPv4 as one little-endian 32-bit word
 * ({@code 0100007F} is 127.0.0.1), IPv6 as four such words, printed in RFC 5952 form
 * (IPv4-mapped addresses, which a dual-stack socket bound to an IPv4 address shows, as that IPv4 address:
 * Java binds {@code 127.0.0.1} that way, and the exposure is the IPv4 address's).
 */
final class HexAddresses {

    private static final int IPV4_HEX_DIGITS = 8;
    private static final int IPV6_HEX_DIGITS = 32;
    private static final int IPV6_GROUPS = 8;

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
        return ipVersion == 4 ? ipv4(bytes, 0) : ipv6(bytes);
    }

    private static int parseByte(String hex, int at) {
        int high = Character.digit(hex.charAt(at), 16);
        int low = Character.digit(hex.charAt(at + 1), 16);
        if (high < 0 || low < 0) {
            throw new IllegalArgumentException("address is not hex '" + hex + "'");
        }
        return high << 4 | low;
    }

    private static String ipv4(byte[] bytes, int from) {
        return (bytes[from] & 0xFF) + "." + (bytes[from + 1] & 0xFF) + "." + (bytes[from + 2] & 0xFF) + "." + (bytes[from + 3] & 0xFF);
    }

    private static String ipv6(byte[] bytes) {
        int[] groups = new int[IPV6_GROUPS];
        for (int i = 0; i < IPV6_GROUPS; i++) {
            groups[i] = (bytes[2 * i] & 0xFF) << 8 | (bytes[2 * i + 1] & 0xFF);
        }
        if (isIpv4Mapped(groups)) {
            return ipv4(bytes, 12);
        }
        int[] zeros = longestZeroRun(groups);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < IPV6_GROUPS; i++) {
            if (i == zeros[0]) {
                text.append("::");
                i += zeros[1] - 1;
                continue;
            }
            if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    private static boolean isIpv4Mapped(int[] groups) {
        for (int i = 0; i < 5; i++) {
            if (groups[i] != 0) {
                return false;
            }
        }
        return groups[5] == 0xFFFF;
    }

    /** Start and length of the longest run of two or more zero groups (start -1 when none), as RFC 5952 compresses. */
    private static int[] longestZeroRun(int[] groups) {
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; i++) {
            int length = 0;
            while (i + length < groups.length && groups[i + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = i;
                bestLength = length;
            }
            i += length;
        }
        return new int[] {bestStart, bestLength};
    }
}
