package io.portwatch.probe.network;

import io.portwatch.events.listener.Addresses;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An IPv4 or IPv6 network in CIDR notation ({@code 127.0.0.0/8}, {@code ::1/128}); a bare address is
 * its own /32 or /128. Written with the network's canonical address ({@link Addresses}). Only literal addresses are accepted: names would need a DNS lookup whose
 * answer could lie outside the allowlist.
 */
public record Cidr(InetAddress network, int prefix) {

    /** Parses {@code address[/prefix]}; throws IllegalArgumentException with the reason. */
    public static Cidr parse(String text) {
        String[] parts = text.trim().split("/", -1);
        if (parts.length > 2 || !isLiteral(parts[0])) {
            throw new IllegalArgumentException("not an address or CIDR: " + text);
        }
        InetAddress address;
        try {
            address = Addresses.parse(parts[0]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an address or CIDR: " + text);
        }
        int bits = address.getAddress().length * 8;
        int prefix;
        try {
            prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : bits;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a prefix length: " + text);
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("prefix length of " + text + " must be 0 to " + bits);
        }
        return new Cidr(masked(address, prefix), prefix);
    }

    /**
     * Whether text is an IPv4 dotted quad or an IPv6 literal: anything else (a name, or shorthand such
     * as {@code 1} or {@code 1e3}) would make {@code InetAddress} look it up or guess.
     */
    private static boolean isLiteral(String text) {
        if (text.contains(":")) {
            return text.matches("[0-9a-fA-F:.]+");
        }
        String[] octets = text.split("\\.", -1);
        return octets.length == 4 && Arrays.stream(octets).allMatch(octet -> octet.matches("\\d{1,3}") && Integer.parseInt(octet) <= 255);
    }

    /** Whether an address lies in this network. */
    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == network.getAddress().length && Arrays.equals(masked(address, prefix).getAddress(), network.getAddress());
    }

    /** Whether a whole network lies in this one. */
    public boolean contains(Cidr other) {
        return other.prefix >= prefix && contains(other.network);
    }

    /** How many addresses the network has. */
    public BigInteger size() {
        return BigInteger.ONE.shiftLeft(network.getAddress().length * 8 - prefix);
    }

    /** Every address of the network, in order; callers bound the size first. */
    public List<InetAddress> addresses() {
        int count = size().intValueExact();
        List<InetAddress> addresses = new ArrayList<>(count);
        BigInteger first = new BigInteger(1, network.getAddress());
        int length = network.getAddress().length;
        for (int i = 0; i < count; i++) {
            addresses.add(address(first.add(BigInteger.valueOf(i)), length));
        }
        return addresses;
    }

    @Override
    public String toString() {
        return Addresses.canonical(network) + "/" + prefix;
    }

    private static InetAddress masked(InetAddress address, int prefix) {
        byte[] bytes = address.getAddress();
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            bytes[i] &= (byte) (0xff << (8 - keep));
        }
        return byAddress(bytes);
    }

    private static InetAddress address(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        byte[] bytes = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, bytes, length - copy, copy);
        return byAddress(bytes);
    }

    private static InetAddress byAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of " + bytes.length + " bytes", e);
        }
    }
}
