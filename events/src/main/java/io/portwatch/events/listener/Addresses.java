package io.portwatch.events.listener;

import com.google.common.net.InetAddresses;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * IP addresses in the one text form Portwatch writes everywhere (events, host ids, API, CLI): dotted quads
 * for IPv4 and RFC 5952 for IPv6 ({@code ::1}, never Java's {@code 0:0:0:0:0:0:0:1}). Only literals are read:
 * nothing here resolves a name.
 */
public final class Addresses {

    private Addresses() {
    }

    /** The canonical form of an IP literal (IPv4 or IPv6, brackets and zone ids refused); empty when it is not one. */
    public static Optional<String> canonical(String literal) {
        if (literal == null || literal.isEmpty() || literal.length() > 45 || literal.indexOf('%') >= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddresses.toAddrString(InetAddresses.forString(literal)));
        } catch (IllegalArgumentException notAnAddress) {
            return Optional.empty();
        }
    }

    /** The canonical form of an address, without any IPv6 scope id ({@code fe80::1%eth0} is written {@code fe80::1}). */
    public static String canonical(InetAddress address) {
        try {
            return InetAddresses.toAddrString(InetAddress.getByAddress(address.getAddress()));
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException("an address's own bytes are 4 or 16 long", impossible);
        }
    }

    /** Whether the text is an IP literal already in its canonical form. */
    public static boolean isCanonical(String literal) {
        return canonical(literal).filter(literal::equals).isPresent();
    }

    /** Parses an IP literal, never resolving a name. @throws IllegalArgumentException when it is not one */
    public static InetAddress parse(String literal) {
        if (literal == null || literal.indexOf('%') >= 0) {
            throw new IllegalArgumentException("not an IP address: " + literal);
        }
        return InetAddresses.forString(literal);
    }
}
